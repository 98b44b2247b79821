import { defineConfig } from 'vitest/config';

/**
 * Cluster-mode tests (`npm run test:cluster`): several server processes on one database and a real Redis
 * (`WARMDESK_TEST_REDIS_URL`, default redis://127.0.0.1:6379). `npm test` does not run them: it needs no services.
 */
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['apps/server/test/**/*.integration.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['apps/server/test/global-setup.ts'],
  },
});
