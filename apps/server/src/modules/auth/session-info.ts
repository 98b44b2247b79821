import type { SessionInfo } from '@warmdesk/protocol';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { ACCOUNT_COLUMNS, type AccountRow, presentAccountSettings } from '../accounts/presenter.js';
import { presentUser, USER_COLUMNS, type UserRow } from '../users/presenter.js';

/** What the workspace needs after login or a reload: the user, their account's settings, the CSRF token. */
export async function sessionInfo(ctx: AppContext, userId: string, csrfToken: string): Promise<SessionInfo> {
  const { rows } = await ctx.db.pool.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [userId]);
  const user = rows[0];
  if (!user) throw new AppError('unauthorized', 'the user no longer exists');
  const account = await ctx.db.pool.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = $1`, [
    user.account_id,
  ]);
  const a = account.rows[0];
  if (!a) throw new AppError('unauthorized', 'the account no longer exists');
  return {
    user: presentUser(user),
    account: presentAccountSettings(a),
    csrfToken,
  };
}
