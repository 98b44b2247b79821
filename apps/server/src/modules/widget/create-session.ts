import type { WidgetSettings } from '@warmdesk/protocol';
import { customerFromSession } from '../../platform/auth/resolve.js';
import { hashToken, newToken } from '../../platform/auth/tokens.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { widgetInboxByKey } from './settings.js';

type Session = { sessionToken: string; contactId: string; inboxId: string; accountId: string };

/**
 * Resumes the customer's session when the token they hold belongs to this inbox; otherwise creates an
 * anonymous contact and a session credential for it (kept hashed, handed out once).
 */
export async function createWidgetSession(
  ctx: AppContext,
  inboxKey: string,
  existingToken: string | undefined,
  checkSite: (settings: WidgetSettings) => void,
): Promise<Session> {
  const found = await widgetInboxByKey(ctx.db.pool, inboxKey);
  if (!found) throw new AppError('not_found', 'unknown inbox key');
  checkSite(found.settings);
  const inbox = { id: found.id, account_id: found.accountId };
  if (existingToken) {
    const current = await customerFromSession(ctx, existingToken);
    if (current && current.inboxId === inbox.id) {
      return {
        sessionToken: existingToken,
        contactId: current.contactId,
        inboxId: inbox.id,
        accountId: inbox.account_id,
      };
    }
  }
  const sessionToken = newToken('wdc');
  // One statement (its own transaction): a surge of new visitors costs one round trip each.
  const { rows } = await ctx.db.pool.query<{ id: string; event_id: number }>(
    `WITH c AS (INSERT INTO contacts (account_id) VALUES ($1) RETURNING id),
     ci AS (INSERT INTO contact_inboxes (account_id, contact_id, inbox_id, session_token_hash)
            SELECT $1, c.id, $2, $3 FROM c),
     ev AS (INSERT INTO events (account_id, type, payload)
            SELECT $1, 'contact.created', jsonb_build_object('contactId', c.id, 'inboxId', $2::uuid) FROM c
            RETURNING id)
     SELECT c.id, ev.id AS event_id FROM c, ev`,
    [inbox.account_id, inbox.id, hashToken(sessionToken)],
  );
  const contactId = rows[0]?.id ?? '';
  ctx.bus.publish([
    {
      id: rows[0]?.event_id,
      accountId: inbox.account_id,
      type: 'contact.created',
      payload: { contactId, inboxId: inbox.id },
    },
  ]);
  return { sessionToken, contactId, inboxId: inbox.id, accountId: inbox.account_id };
}
