import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './apps/server/src/platform/db/schema.ts',
    './apps/server/src/platform/db/schema-conversation-extras.ts',
    './apps/server/src/platform/db/schema-workspace.ts',
    './apps/server/src/platform/db/schema-routing.ts',
    './apps/server/src/platform/db/schema-bot.ts',
    './apps/server/src/platform/db/schema-calls.ts',
    './apps/server/src/platform/db/schema-live.ts',
  ],
  out: './apps/server/drizzle',
});
