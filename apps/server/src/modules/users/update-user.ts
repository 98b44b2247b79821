import type { Role, UserStatus } from '@warmdesk/protocol';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.js';
import { type AgentPrincipal, hasRole } from '../../platform/auth/principal.js';
import { type AppContext, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { USER_AVAILABILITY } from './events.js';
import { USER_COLUMNS, type UserRow } from './presenter.js';

export type UserPatch = {
  name?: string;
  role?: Role;
  status?: UserStatus;
  capacity?: number;
  active?: boolean;
  password?: string;
  currentPassword?: string;
  /** null: follow the account's default language. */
  locale?: 'zh-CN' | 'en' | null;
};

const SELF_FIELDS = new Set(['name', 'status', 'password', 'currentPassword', 'locale']);

/** Admins change anyone in their account; everyone else only their own name, status, password and language. */
export async function updateUser(
  ctx: AppContext,
  actor: AgentPrincipal,
  id: string,
  patch: UserPatch,
): Promise<UserRow> {
  const isAdmin = hasRole(actor, 'admin');
  if (!isAdmin) {
    if (id !== actor.userId) throw new AppError('forbidden', 'only admins change other users');
    const denied = Object.keys(patch).filter((k) => !SELF_FIELDS.has(k));
    if (denied.length) throw new AppError('forbidden', `only admins change ${denied.join(', ')}`);
  }
  if (id === actor.userId && (patch.active === false || (patch.role && patch.role !== actor.role))) {
    throw new AppError('forbidden', 'you cannot deactivate yourself or change your own role');
  }
  const ownPassword = id === actor.userId && patch.password !== undefined;
  return transaction(ctx, async (tx) => {
    if (ownPassword) {
      const current = await tx.client.query<{ password_hash: string }>(
        'SELECT password_hash FROM users WHERE id = $1 FOR UPDATE',
        [id],
      );
      const hash = current.rows[0]?.password_hash ?? '';
      if (!patch.currentPassword || !(await verifyPassword(hash, patch.currentPassword))) {
        throw new AppError('forbidden', 'the current password is wrong', { field: 'currentPassword' });
      }
    }
    const sets: string[] = [];
    const params: unknown[] = [];
    const set = (col: string, v: unknown) => {
      params.push(v);
      sets.push(`${col} = $${params.length}`);
    };
    if (patch.name !== undefined) set('name', patch.name);
    if (patch.role !== undefined) set('role', patch.role);
    if (patch.status !== undefined) set('status', patch.status);
    if (patch.capacity !== undefined) set('capacity', patch.capacity);
    if (patch.active !== undefined) set('active', patch.active);
    if (patch.locale !== undefined) set('locale', patch.locale);
    if (patch.password !== undefined) {
      set('password_hash', await hashPassword(patch.password));
      // A password set by an admin ends a pending invitation: its link no longer works.
      set('invite_token_hash', null);
      set('invite_expires_at', null);
    }
    params.push(actor.accountId, id);
    const where = `account_id = $${params.length - 1} AND id = $${params.length}`;
    const { rows } = sets.length
      ? await tx.client.query<UserRow>(
          `UPDATE users SET ${sets.join(', ')} WHERE ${where} RETURNING ${USER_COLUMNS}`,
          params,
        )
      : await tx.client.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE ${where}`, params);
    const row = rows[0];
    if (!row) throw new AppError('not_found', 'user not found');
    if (patch.active === false || patch.password !== undefined) {
      // Everywhere else is signed out; whoever changes their own password stays signed in here.
      await tx.client.query('DELETE FROM agent_sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2::uuid', [
        id,
        ownPassword ? (actor.sessionId ?? null) : null,
      ]);
    }
    if (patch.status !== undefined || patch.capacity !== undefined || patch.active !== undefined) {
      tx.publishAfterCommit({
        accountId: actor.accountId,
        type: USER_AVAILABILITY,
        payload: { userId: id, status: row.status, active: row.active },
      });
    }
    const { password: _omit, currentPassword: _current, ...logged } = patch;
    if (isAdmin && id !== actor.userId) {
      await recordAudit(
        tx.client,
        actor,
        'user.updated',
        { type: 'user', id },
        { ...logged, passwordChanged: patch.password !== undefined },
      );
    }
    return row;
  });
}
