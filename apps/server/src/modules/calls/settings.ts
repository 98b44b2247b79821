import { type CallSettings, zCallSettings } from '@warmdesk/protocol';
import type { Pool, PoolClient } from 'pg';

/** The call settings kept in `inboxes.config.calls`, with defaults for anything missing or invalid. */
export function callSettingsOf(config: unknown): CallSettings {
  const raw = typeof config === 'object' && config !== null ? (config as { calls?: unknown }).calls : undefined;
  const parsed = zCallSettings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : zCallSettings.parse({});
}

/** The call settings of an inbox of the account (defaults when it has none). */
export async function inboxCallSettings(
  db: Pool | PoolClient,
  accountId: string,
  inboxId: string,
): Promise<CallSettings> {
  const { rows } = await db.query<{ config: unknown }>('SELECT config FROM inboxes WHERE account_id = $1 AND id = $2', [
    accountId,
    inboxId,
  ]);
  return callSettingsOf(rows[0]?.config);
}
