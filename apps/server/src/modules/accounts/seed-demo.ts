import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.js';
import { createApiToken } from '../api-tokens/create-api-token.js';
import { createInbox } from '../inboxes/create-inbox.js';
import { createUser } from '../users/create-user.js';
import { seedWorkspaceSamples } from './seed-workspace.js';

export type DemoLogin = { email: string; password: string; name: string; role: 'admin' | 'supervisor' | 'agent' };
export type DemoSeed = {
  accountId: string;
  inboxKey: string;
  inboxId: string;
  apiInboxId: string;
  admin: DemoLogin;
  supervisor: DemoLogin;
  agents: DemoLogin[];
  created: boolean;
};

const SETTINGS_KEY = 'demo';
const DEMO_USERS: Omit<DemoLogin, 'password'>[] = [
  { email: 'admin@warmdesk.demo', name: 'Demo Admin', role: 'admin' },
  { email: 'supervisor@warmdesk.demo', name: '王主管 (Supervisor)', role: 'supervisor' },
  { email: 'agent1@warmdesk.demo', name: '李客服 (Agent 1)', role: 'agent' },
  { email: 'agent2@warmdesk.demo', name: 'Alice (Agent 2)', role: 'agent' },
];
const LOCK = 748_2002;

type Stored = {
  accountId: string;
  inboxId: string;
  apiInboxId: string;
  passwords: Record<string, string>;
  /** Set once the sample canned responses and labels are in: what an admin deletes later stays deleted. */
  workspaceSeeded?: boolean;
};

/**
 * Ensures the demo account exists with its inboxes and logins. Idempotent: a second call finds it
 * (by the `settings` row) and restores the demo users' passwords if they were changed or removed.
 */
export async function ensureDemoAccount(pool: Pool): Promise<DemoSeed> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK]);
    const found = await client.query<{ value: Stored }>('SELECT value FROM settings WHERE key = $1', [SETTINGS_KEY]);
    let stored = found.rows[0]?.value;
    let created = false;
    const exists = stored
      ? (await client.query('SELECT 1 FROM accounts WHERE id = $1', [stored.accountId])).rowCount
      : 0;
    if (!stored || !exists) {
      created = true;
      const acc = await client.query<{ id: string }>(
        "INSERT INTO accounts (name, locale) VALUES ('Warmdesk Demo', 'zh-CN') RETURNING id",
      );
      const accountId = acc.rows[0]?.id ?? '';
      const widget = await createInbox(client, {
        accountId,
        name: 'Demo shop website',
        type: 'web_widget',
        config: { widget: { greeting: '您好！有什么可以帮您？ Hi! How can we help?' } },
      });
      const api = await createInbox(client, { accountId, name: 'API', type: 'api', config: {} });
      const passwords = Object.fromEntries(DEMO_USERS.map((u) => [u.email, randomBytes(9).toString('base64url')]));
      stored = { accountId, inboxId: widget.id, apiInboxId: api.id, passwords };
      await client.query(
        `INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
        [SETTINGS_KEY, stored],
      );
    }
    if (!stored.workspaceSeeded) {
      await seedWorkspaceSamples(client, stored.accountId);
      stored = { ...stored, workspaceSeeded: true };
      await client.query('UPDATE settings SET value = $2 WHERE key = $1', [SETTINGS_KEY, stored]);
    }
    const s = stored;
    for (const u of DEMO_USERS) {
      const password = s.passwords[u.email] ?? randomBytes(9).toString('base64url');
      const { rows } = await client.query<{ id: string; account_id: string; password_hash: string }>(
        'SELECT id, account_id, password_hash FROM users WHERE lower(email) = $1',
        [u.email],
      );
      const user = rows[0];
      if (!user) {
        const created = await createUser(client, {
          accountId: s.accountId,
          email: u.email,
          name: u.name,
          role: u.role,
          password,
          capacity: 5,
        });
        // Demo agents start available, so the demo shop offers live chat as soon as one connects.
        await client.query("UPDATE users SET status = 'online' WHERE id = $1", [created.id]);
      } else if (user.account_id === s.accountId && !(await verifyPassword(user.password_hash, password))) {
        await client.query('UPDATE users SET password_hash = $2, active = true WHERE id = $1', [
          user.id,
          await hashPassword(password),
        ]);
      }
    }
    const key = await client.query<{ public_key: string }>('SELECT public_key FROM inboxes WHERE id = $1', [s.inboxId]);
    const login = (u: Omit<DemoLogin, 'password'>): DemoLogin => ({ ...u, password: s.passwords[u.email] ?? '' });
    const [admin, supervisor, ...agents] = DEMO_USERS.map(login);
    if (!admin || !supervisor) throw new Error('demo users missing');
    return {
      accountId: s.accountId,
      inboxKey: key.rows[0]?.public_key ?? '',
      inboxId: s.inboxId,
      apiInboxId: s.apiInboxId,
      admin,
      supervisor,
      agents,
      created,
    };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK]).catch(() => undefined);
    client.release();
  }
}

/** A fresh admin API token for the demo account (each call makes a new one). */
export async function demoApiToken(pool: Pool, seed: DemoSeed): Promise<string> {
  const { rows } = await pool.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = $1', [seed.admin.email]);
  const created = await createApiToken(pool, {
    accountId: seed.accountId,
    userId: rows[0]?.id ?? '',
    name: `seed ${new Date().toISOString()}`,
    scopes: ['read', 'write'],
  });
  return created.token;
}
