import type { Role } from '@warmdesk/protocol';
import type { Pool, PoolClient } from 'pg';
import { hashPassword } from '../../platform/auth/passwords.js';
import { AppError } from '../../platform/errors.js';
import { USER_COLUMNS, type UserRow } from './presenter.js';

export type NewUser = {
  accountId: string;
  email: string;
  name: string;
  role: Role;
  password: string;
  capacity: number;
};

export async function createUser(db: Pool | PoolClient, u: NewUser): Promise<UserRow> {
  try {
    const { rows } = await db.query<UserRow>(
      `INSERT INTO users (account_id, email, name, role, password_hash, capacity)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${USER_COLUMNS}`,
      [u.accountId, u.email.toLowerCase(), u.name, u.role, await hashPassword(u.password), u.capacity],
    );
    const row = rows[0];
    if (!row) throw new AppError('internal', 'user not created');
    return row;
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new AppError('conflict', 'a user with this email exists');
    throw err;
  }
}
