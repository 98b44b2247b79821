import { index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { accountId, users } from './schema.js';
import { ts } from './schema-columns.js';

/**
 * Which server process holds how many workspace sockets of an agent. Routing treats an agent as connected when
 * any process has a fresh row; each process refreshes its rows' heartbeat, so a crashed process's rows go stale.
 */
export const agentPresence = pgTable(
  'agent_presence',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    nodeId: text('node_id').notNull(),
    accountId: accountId(),
    sockets: integer('sockets').notNull().default(0),
    heartbeatAt: ts('heartbeat_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.nodeId] }), index('agent_presence_account_idx').on(t.accountId)],
);
