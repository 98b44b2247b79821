import type { InboxType } from '@warmdesk/protocol';
import type { Pool, PoolClient } from 'pg';
import { newToken } from '../../platform/auth/tokens.js';
import { AppError } from '../../platform/errors.js';
import { INBOX_COLUMNS, type InboxRow } from './presenter.js';

export async function createInbox(
  db: Pool | PoolClient,
  i: { accountId: string; name: string; type: InboxType; config: Record<string, unknown> },
): Promise<InboxRow> {
  const { rows } = await db.query<InboxRow>(
    `INSERT INTO inboxes (account_id, name, type, public_key, secret, config)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${INBOX_COLUMNS}`,
    [i.accountId, i.name, i.type, newToken('wdpk'), newToken('wdsec'), i.config],
  );
  if (!rows[0]) throw new AppError('internal', 'inbox not created');
  return rows[0];
}
