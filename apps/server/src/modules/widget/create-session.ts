import type { WidgetSettings } from '@warmdesk/protocol';
import { customerFromSession } from '../../platform/auth/resolve.js';
import { hashToken, newToken } from '../../platform/auth/tokens.js';
import { type AppContext, transaction } from '../../platform/context.js';
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
  const contactId = await transaction(ctx, async (tx) => {
    const c = await tx.client.query<{ id: string }>('INSERT INTO contacts (account_id) VALUES ($1) RETURNING id', [
      inbox.account_id,
    ]);
    const id = c.rows[0]?.id ?? '';
    await tx.client.query(
      'INSERT INTO contact_inboxes (account_id, contact_id, inbox_id, session_token_hash) VALUES ($1, $2, $3, $4)',
      [inbox.account_id, id, inbox.id, hashToken(sessionToken)],
    );
    await tx.emit({
      accountId: inbox.account_id,
      type: 'contact.created',
      payload: { contactId: id, inboxId: inbox.id },
    });
    return id;
  });
  return { sessionToken, contactId, inboxId: inbox.id, accountId: inbox.account_id };
}
