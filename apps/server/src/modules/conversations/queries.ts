import type { Pool, PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import { type ConversationListRow, conversationListRows } from './list-rows.js';
import type { ConversationRow } from './presenter.js';

/** A conversation row as presented, from `source` (the table, or a CTE of changed rows) under the alias c. */
export const conversationSelect = (source = 'conversations') => `
  SELECT c.*, COALESCE(u.name, CASE WHEN c.assignee_bot_id IS NOT NULL THEN COALESCE(NULLIF(bi.config->'bot'->>'name', ''), 'Bot') END) AS assignee_name,
         to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_ts
    FROM ${source} c LEFT JOIN users u ON u.id = c.assignee_user_id
    LEFT JOIN inboxes bi ON c.assignee_bot_id IS NOT NULL AND bi.id::text = c.assignee_bot_id`;

export const CONVERSATION_SELECT = conversationSelect();

export async function findConversation(
  db: Pool | PoolClient,
  accountId: string,
  id: string,
): Promise<ConversationRow | undefined> {
  const { rows } = await db.query<ConversationRow>(`${CONVERSATION_SELECT} WHERE c.account_id = $1 AND c.id = $2`, [
    accountId,
    id,
  ]);
  return rows[0];
}

export async function getConversation(db: Pool | PoolClient, accountId: string, id: string): Promise<ConversationRow> {
  const row = await findConversation(db, accountId, id);
  if (!row) throw new AppError('not_found', 'conversation not found');
  return row;
}

export type ConversationFilters = {
  status?: string;
  assigneeId?: string;
  inboxId?: string;
  teamId?: string;
  contactId?: string;
  label?: string;
  q?: string;
  cursor?: string;
  limit: number;
};

type Cursor = { t: string; id: string };
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString()) as Partial<Cursor>;
    if (typeof c.t === 'string' && typeof c.id === 'string' && !Number.isNaN(Date.parse(c.t)))
      return { t: c.t, id: c.id };
  } catch {
    // fall through
  }
  throw new AppError('validation_failed', 'cursor is not valid');
}

/** Newest activity first, keyset-paginated on (updated_at, id) so pages stay stable while rows change. */
export async function listConversations(db: Pool, accountId: string, viewerId: string, f: ConversationFilters) {
  const where = ['c.account_id = $1'];
  const params: unknown[] = [accountId];
  const add = (clause: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(clause(params.length));
  };
  if (f.status) add((n) => `c.status = $${n}`, f.status);
  if (f.assigneeId === 'none') where.push('c.assignee_user_id IS NULL AND c.assignee_bot_id IS NULL');
  else if (f.assigneeId) add((n) => `c.assignee_user_id = $${n}`, f.assigneeId);
  if (f.inboxId) add((n) => `c.inbox_id = $${n}`, f.inboxId);
  if (f.teamId) add((n) => `c.team_id = $${n}`, f.teamId);
  if (f.contactId) add((n) => `c.contact_id = $${n}`, f.contactId);
  if (f.label) add((n) => `$${n} = ANY(c.labels)`, f.label);
  if (f.q) {
    const display = /^#?(\d{1,9})$/.exec(f.q)?.[1];
    params.push(`%${f.q.replace(/[\\%_]/g, '\\$&')}%`);
    const n = params.length;
    const byDisplay = display ? ` OR c.display_id = ${Number(display)}` : '';
    where.push(`(EXISTS (SELECT 1 FROM contacts ct WHERE ct.id = c.contact_id
        AND (ct.name ILIKE $${n} OR ct.email ILIKE $${n} OR ct.phone ILIKE $${n}))
      OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.content ILIKE $${n})${byDisplay})`);
  }
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    params.push(c.t, c.id);
    where.push(`(c.updated_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  const rows = await conversationListRows(db, { where, params, viewerId, limit: f.limit + 1 });
  const items = rows.slice(0, f.limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > f.limit && last ? encodeCursor({ t: last.cursor_ts, id: last.id }) : null;
  return { items, nextCursor };
}

/** One conversation as the workspace lists it, for the viewer (their unread count). */
export async function getConversationListRow(
  db: Pool,
  accountId: string,
  viewerId: string,
  id: string,
): Promise<ConversationListRow> {
  const rows = await conversationListRows(db, {
    where: ['c.account_id = $1', 'c.id = $2'],
    params: [accountId, id],
    viewerId,
    limit: 1,
  });
  if (!rows[0]) throw new AppError('not_found', 'conversation not found');
  return rows[0];
}
