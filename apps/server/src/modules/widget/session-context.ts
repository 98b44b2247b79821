import type { PageContext } from '@warmdesk/protocol';
import type { CustomerPrincipal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import { PRESENCE_FRESH } from '../routing/queue-sql.js';

export const SESSION_CONTEXT_UPDATED = 'contact.context_updated';

/** Keeps what the widget reports of the customer's browser session, for agents to see next to the chat. */
export async function updateSessionContext(ctx: AppContext, c: CustomerPrincipal, context: PageContext) {
  await ctx.db.pool.query(
    'UPDATE contact_inboxes SET context = $3, last_seen_at = now() WHERE account_id = $1 AND id = $2',
    [c.accountId, c.contactInboxId, context],
  );
  ctx.bus.publish([
    {
      accountId: c.accountId,
      type: SESSION_CONTEXT_UPDATED,
      payload: { contactId: c.contactId, inboxId: c.inboxId, context },
    },
  ]);
}

/**
 * Someone of the team is there: an agent has a workspace open, on this process or any other (the shared
 * `agent_presence` table), and has not set themselves away or offline.
 */
export async function agentsOnline(ctx: AppContext, accountId: string): Promise<boolean> {
  const { rowCount } = await ctx.db.pool.query(
    `SELECT 1 FROM users u
      WHERE u.account_id = $1 AND u.active AND u.status IN ('online', 'busy')
        AND (u.id = ANY($2::uuid[])
             OR EXISTS (SELECT 1 FROM agent_presence p WHERE p.user_id = u.id AND p.sockets > 0
                          AND p.heartbeat_at > now() - ${PRESENCE_FRESH}))
      LIMIT 1`,
    [accountId, ctx.presence.connectedUsers(accountId)],
  );
  return Boolean(rowCount);
}
