import type { Pool } from 'pg';
import { createInbox } from '../inboxes/create-inbox.js';
import { createUser } from '../users/create-user.js';

/** A new tenant with its first admin and a web-widget inbox. */
export async function createAccount(
  pool: Pool,
  a: { name: string; adminEmail: string; adminName: string; password: string },
): Promise<{ accountId: string; adminId: string; inboxId: string; inboxKey: string }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ id: string }>('INSERT INTO accounts (name) VALUES ($1) RETURNING id', [
      a.name,
    ]);
    const accountId = rows[0]?.id ?? '';
    const admin = await createUser(client, {
      accountId,
      email: a.adminEmail,
      name: a.adminName,
      role: 'admin',
      password: a.password,
      capacity: 5,
    });
    const inbox = await createInbox(client, { accountId, name: 'Website', type: 'web_widget', config: {} });
    await client.query('COMMIT');
    return { accountId, adminId: admin.id, inboxId: inbox.id, inboxKey: inbox.public_key };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
