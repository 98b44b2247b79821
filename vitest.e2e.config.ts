import { defineConfig } from 'vitest/config';

/** Browser tests (`npm run test:e2e`): a real server, pages in Debian's chromium. `npm test` does not run them. */
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['apps/widget/test/**/*.e2e.ts', 'apps/agent/test/**/*.e2e.ts', 'apps/server/src/media/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['apps/server/test/global-setup.ts'],
  },
});
