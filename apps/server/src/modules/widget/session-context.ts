import type { PageContext } from '@warmdesk/protocol';
import type { CustomerPrincipal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';

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

/** Someone of the team is there: an agent has a socket open and has not set themselves away or offline. */
export async function agentsOnline(ctx: AppContext, accountId: string): Promise<boolean> {
  const connected = ctx.presence.connectedUsers(accountId);
  if (connected.length === 0) return false;
  const { rowCount } = await ctx.db.pool.query(
    `SELECT 1 FROM users WHERE account_id = $1 AND id = ANY($2::uuid[]) AND active AND status IN ('online', 'busy')
      LIMIT 1`,
    [accountId, connected],
  );
  return Boolean(rowCount);
}
