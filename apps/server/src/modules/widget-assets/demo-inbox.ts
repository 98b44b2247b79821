import type { Pool } from 'pg';

/** The demo account's web-widget inbox key (the `demo` settings row written by the seed), if it was seeded. */
export async function demoInboxKey(pool: Pool): Promise<string | undefined> {
  const { rows } = await pool.query<{ public_key: string }>(
    `SELECT i.public_key FROM settings s JOIN inboxes i ON i.id::text = s.value->>'inboxId'
     WHERE s.key = 'demo' AND i.type = 'web_widget'`,
  );
  return rows[0]?.public_key;
}
