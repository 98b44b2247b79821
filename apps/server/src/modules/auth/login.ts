import { verifyPassword } from '../../platform/auth/passwords.js';
import { hashToken, newToken } from '../../platform/auth/tokens.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { publishUserAvailability } from '../users/events.js';

export const SESSION_DAYS = 14;

type UserRow = { id: string; account_id: string; password_hash: string };

export type OpenedSession = { token: string; csrfToken: string; userId: string };

/** Checks the password and opens a session; the same message for unknown email and wrong password. */
export async function login(ctx: AppContext, email: string, password: string): Promise<OpenedSession> {
  const { rows } = await ctx.db.pool.query<UserRow>(
    'SELECT id, account_id, password_hash FROM users WHERE lower(email) = $1 AND active',
    [email.toLowerCase()],
  );
  const user = rows[0];
  const ok = user ? await verifyPassword(user.password_hash, password) : false;
  if (!user || !ok) throw new AppError('unauthorized', 'email or password is wrong');
  // Signing in is arriving at work: an agent marked offline becomes available (away and busy are kept).
  await ctx.db.pool.query("UPDATE users SET status = 'online' WHERE id = $1 AND status = 'offline'", [user.id]);
  return openSession(ctx, { id: user.id, accountId: user.account_id });
}

/** A new session for a user whose credentials were just checked. */
export async function openSession(ctx: AppContext, user: { id: string; accountId: string }): Promise<OpenedSession> {
  const token = newToken('wds');
  const csrfToken = newToken('csrf');
  await ctx.db.pool.query(
    `INSERT INTO agent_sessions (account_id, user_id, token_hash, csrf_token, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(days => $5))`,
    [user.accountId, user.id, hashToken(token), csrfToken, SESSION_DAYS],
  );
  return { token, csrfToken, userId: user.id };
}

/** Ends the session; signing out of the last session marks the agent offline. */
export async function logout(ctx: AppContext, sessionId: string): Promise<void> {
  const { rows } = await ctx.db.pool.query<{ id: string; account_id: string; active: boolean }>(
    `WITH ended AS (DELETE FROM agent_sessions WHERE id = $1 RETURNING user_id)
     UPDATE users SET status = 'offline'
      WHERE id = (SELECT user_id FROM ended)
        AND NOT EXISTS (SELECT 1 FROM agent_sessions s, ended
                         WHERE s.user_id = ended.user_id AND s.id <> $1 AND s.expires_at > now())
     RETURNING id, account_id, active`,
    [sessionId],
  );
  for (const u of rows)
    publishUserAvailability(ctx.bus, u.account_id, { userId: u.id, status: 'offline', active: u.active });
}
