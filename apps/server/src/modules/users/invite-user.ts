import type { Invitation, Role } from '@warmdesk/protocol';
import type { AgentPrincipal } from '../../platform/auth/principal.js';
import { hashToken, newToken } from '../../platform/auth/tokens.js';
import { type AppContext, type Tx, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { mailerFor } from '../../platform/mail.js';
import { recordAudit } from '../audit/record-audit.js';
import { renderInvitationMail } from './invitation-mail.js';

export const INVITE_DAYS = 7;
/** Not an argon2 hash: no password verifies against it, so an invited user cannot sign in before accepting. */
export const NO_PASSWORD = '!invited';

export type NewInvitee = { email: string; name: string; role: Role; capacity: number };

type Issued = { userId: string; email: string; name: string; code: string; expiresAt: Date };

/** Creates a user without a usable password and an invitation for them; emailed when the server sends mail. */
export async function inviteUser(
  ctx: AppContext,
  admin: AgentPrincipal,
  invitee: NewInvitee,
  origin: string,
): Promise<Invitation> {
  const issued = await transaction(ctx, async (tx) => {
    const { rows } = await tx.client
      .query<{ id: string }>(
        `INSERT INTO users (account_id, email, name, role, password_hash, capacity)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [admin.accountId, invitee.email.toLowerCase(), invitee.name, invitee.role, NO_PASSWORD, invitee.capacity],
      )
      .catch((err) =>
        Promise.reject(
          (err as { code?: string }).code === '23505' ? new AppError('conflict', 'a user with this email exists') : err,
        ),
      );
    const userId = rows[0]?.id;
    if (!userId) throw new AppError('internal', 'user not created');
    const result = await issue(tx, admin.accountId, userId);
    await recordAudit(
      tx.client,
      admin,
      'user.invited',
      { type: 'user', id: userId },
      {
        email: result.email,
        role: invitee.role,
      },
    );
    return result;
  });
  return deliver(ctx, admin, issued, origin);
}

/** A new link for a user who has not accepted yet; the previous link stops working. */
export async function reissueInvitation(
  ctx: AppContext,
  admin: AgentPrincipal,
  userId: string,
  origin: string,
): Promise<Invitation> {
  const issued = await transaction(ctx, async (tx) => {
    const { rows } = await tx.client.query<{ invited: boolean }>(
      'SELECT invite_token_hash IS NOT NULL AS invited FROM users WHERE account_id = $1 AND id = $2 FOR UPDATE',
      [admin.accountId, userId],
    );
    if (!rows[0]) throw new AppError('not_found', 'user not found');
    if (!rows[0].invited) throw new AppError('conflict', 'this user has already accepted their invitation');
    const result = await issue(tx, admin.accountId, userId);
    await recordAudit(tx.client, admin, 'user.invite_reissued', { type: 'user', id: userId }, { email: result.email });
    return result;
  });
  return deliver(ctx, admin, issued, origin);
}

async function issue(tx: Tx, accountId: string, userId: string): Promise<Issued> {
  const code = newToken('wdi');
  const { rows } = await tx.client.query<{ email: string; name: string; invite_expires_at: Date }>(
    `UPDATE users SET invite_token_hash = $3, invite_expires_at = now() + make_interval(days => $4)
      WHERE account_id = $1 AND id = $2 RETURNING email, name, invite_expires_at`,
    [accountId, userId, hashToken(code), INVITE_DAYS],
  );
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'user not found');
  return { userId, email: row.email, name: row.name, code, expiresAt: row.invite_expires_at };
}

/** The link carries the code in the fragment, so it never reaches a server log or a Referer header. */
async function deliver(ctx: AppContext, admin: AgentPrincipal, issued: Issued, origin: string): Promise<Invitation> {
  const inviteUrl = `${origin.replace(/\/+$/, '')}/app/accept-invite#code=${encodeURIComponent(issued.code)}`;
  let emailed = false;
  const mailer = mailerFor(ctx);
  if (mailer) {
    const { rows } = await ctx.db.pool.query<{ name: string }>('SELECT name FROM accounts WHERE id = $1', [
      admin.accountId,
    ]);
    const mail = renderInvitationMail({
      to: issued.email,
      inviteeName: issued.name,
      inviterName: admin.name,
      accountName: rows[0]?.name ?? 'Warmdesk',
      inviteUrl,
      expiresAt: issued.expiresAt,
    });
    // The admin still gets the link to pass on when the mail server refuses (mailer.send logs why).
    emailed = await mailer.send(mail).then(
      () => true,
      () => false,
    );
  }
  return { userId: issued.userId, inviteUrl, emailed, expiresAt: issued.expiresAt.toISOString() };
}
