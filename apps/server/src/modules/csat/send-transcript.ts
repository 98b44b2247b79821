import type { CustomerPrincipal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { requireMailer } from '../../platform/mail.js';
import { renderTranscript } from './render-transcript.js';
import { loadTranscriptHead, loadTranscriptMessages } from './transcript-data.js';

/**
 * Emails the conversation's transcript to the contact. An address given by the customer is used, and kept on
 * the contact, only when the contact has none: a known address is never replaced from the widget.
 * The caller has checked that the customer owns the conversation.
 */
export async function sendTranscript(
  ctx: AppContext,
  customer: CustomerPrincipal,
  conversationId: string,
  email: string | undefined,
): Promise<void> {
  const mailer = requireMailer(ctx);
  const head = await loadTranscriptHead(ctx.db.pool, customer.accountId, conversationId);
  if (!head) throw new AppError('not_found', 'conversation not found');
  const to = head.contactEmail ?? (email ? await rememberEmail(ctx, customer.accountId, head.contactId, email) : null);
  if (!to) {
    throw new AppError('bad_request', 'no email address is known for you: send the one to use as `email`', {
      reason: 'email_required',
    });
  }
  const { messages, truncated } = await loadTranscriptMessages(ctx.db.pool, customer.accountId, conversationId);
  await mailer.send({ to, ...renderTranscript(head, messages, truncated) });
}

/** Stores the address on a contact that has none; if another request stored one first, that one wins. */
async function rememberEmail(ctx: AppContext, accountId: string, contactId: string, email: string): Promise<string> {
  const { rows } = await ctx.db.pool.query<{ email: string }>(
    `UPDATE contacts SET email = $3, updated_at = now()
      WHERE account_id = $1 AND id = $2 AND (email IS NULL OR trim(email) = '')
      RETURNING email`,
    [accountId, contactId, email],
  );
  if (rows[0]) return rows[0].email;
  const current = await ctx.db.pool.query<{ email: string | null }>(
    'SELECT email FROM contacts WHERE account_id = $1 AND id = $2',
    [accountId, contactId],
  );
  return current.rows[0]?.email || email;
}
