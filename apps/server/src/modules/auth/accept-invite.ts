import { hashPassword } from '../../platform/auth/passwords.js';
import { hashToken } from '../../platform/auth/tokens.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type OpenedSession, openSession } from './login.js';

/** The invitee sets their password with the code from the link; the invitation ends and they are signed in. */
export async function acceptInvite(ctx: AppContext, code: string, password: string): Promise<OpenedSession> {
  const { rows } = await ctx.db.pool.query<{ id: string; account_id: string; expired: boolean }>(
    'SELECT id, account_id, invite_expires_at <= now() AS expired FROM users WHERE invite_token_hash = $1 AND active',
    [hashToken(code)],
  );
  const user = rows[0];
  if (!user) throw new AppError('not_found', 'this invitation link is not valid or was already used');
  if (user.expired) {
    throw new AppError('bad_request', 'this invitation has expired; ask an admin to send a new one', {
      reason: 'invite_expired',
    });
  }
  // Only the first of two racing accepts with the same code wins.
  const { rowCount } = await ctx.db.pool.query(
    `UPDATE users SET password_hash = $2, invite_token_hash = NULL, invite_expires_at = NULL, status = 'online'
      WHERE id = $1 AND invite_token_hash = $3`,
    [user.id, await hashPassword(password), hashToken(code)],
  );
  if (!rowCount) throw new AppError('not_found', 'this invitation link is not valid or was already used');
  return openSession(ctx, { id: user.id, accountId: user.account_id });
}
