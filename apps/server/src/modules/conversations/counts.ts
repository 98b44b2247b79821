import { type ConversationCounts, type ConversationStatus, zConversationStatus } from '@warmdesk/protocol';
import type { Pool } from 'pg';

type StatusRow = { status: ConversationStatus; n: number; unassigned: number };
type MineRow = { mine: number; mine_unread: number };
type GroupRow = { kind: 'inbox' | 'team' | 'label'; key: string; n: number };

const BY_STATUS = `
  SELECT status, count(*)::int AS n,
         count(*) FILTER (WHERE assignee_user_id IS NULL AND assignee_bot_id IS NULL)::int AS unassigned
    FROM conversations WHERE account_id = $1 GROUP BY status`;

// On the assignee index; messages are looked at only where last_seq passed the viewer's receipt.
const MINE = `
  SELECT count(*)::int AS mine,
         count(*) FILTER (WHERE CASE WHEN c.last_seq > COALESCE(r.seq, 0) THEN EXISTS (
           SELECT 1 FROM messages m
            WHERE m.conversation_id = c.id AND m.sender_type = 'contact' AND m.seq > COALESCE(r.seq, 0)
         ) ELSE false END)::int AS mine_unread
    FROM conversations c
    LEFT JOIN read_receipts r ON r.conversation_id = c.id AND r.reader_type = 'user' AND r.reader_id = $3
   WHERE c.account_id = $1 AND c.assignee_user_id = $2 AND c.status = 'open'`;

const BY_GROUP = `
  SELECT 'inbox' AS kind, inbox_id::text AS key, count(*)::int AS n FROM conversations
   WHERE account_id = $1 AND status = 'open' GROUP BY inbox_id
  UNION ALL
  SELECT 'team', team_id::text, count(*)::int FROM conversations
   WHERE account_id = $1 AND status = 'open' AND team_id IS NOT NULL GROUP BY team_id
  UNION ALL
  SELECT 'label', l, count(*)::int FROM conversations, unnest(labels) AS l
   WHERE account_id = $1 AND status = 'open' GROUP BY l`;

/**
 * What every agent of an account shares (by status, inbox, team, label) is computed once per account per second:
 * each workspace refetches counts on live events, so with many agents online the same scans would otherwise
 * repeat for each of them. A conversation change in this process drops the account's entry at once (so counts
 * are exact here); changes made by another server process show within the second.
 */
const SHARED_TTL_MS = 1_000;
const shared = new Map<string, { at: number; rows: Promise<[StatusRow[], GroupRow[]]> }>();

function accountWideCounts(db: Pool, accountId: string): Promise<[StatusRow[], GroupRow[]]> {
  const now = Date.now();
  const cached = shared.get(accountId);
  if (cached && now - cached.at < SHARED_TTL_MS) return cached.rows;
  for (const [key, entry] of shared) if (now - entry.at >= SHARED_TTL_MS) shared.delete(key);
  const rows = Promise.all([
    db.query<StatusRow>(BY_STATUS, [accountId]).then((r) => r.rows),
    db.query<GroupRow>(BY_GROUP, [accountId]).then((r) => r.rows),
  ]);
  const entry = { at: now, rows };
  shared.set(accountId, entry);
  rows.catch(() => {
    if (shared.get(accountId) === entry) shared.delete(accountId);
  });
  return rows;
}

/** A conversation of the account was created or changed (status, inbox, team, labels): count afresh. */
export function forgetAccountCounts(accountId: string): void {
  shared.delete(accountId);
}

/**
 * The workspace's live counts for one agent. Every count but `byStatus` is of open conversations; "mine" are
 * open and assigned to the viewer, `mineUnread` those of them with customer messages after the viewer's receipt.
 */
export async function conversationCounts(db: Pool, accountId: string, viewerId: string): Promise<ConversationCounts> {
  const [[statuses, groups], mine] = await Promise.all([
    accountWideCounts(db, accountId),
    db.query<MineRow>(MINE, [accountId, viewerId, viewerId]),
  ]);
  const byStatus = Object.fromEntries(zConversationStatus.options.map((s) => [s, 0])) as Record<
    ConversationStatus,
    number
  >;
  for (const r of statuses) byStatus[r.status] = r.n;
  const open = statuses.find((r) => r.status === 'open');
  const group = (kind: GroupRow['kind']) =>
    Object.fromEntries(groups.filter((g) => g.kind === kind).map((g) => [g.key, g.n]));
  return {
    mine: mine.rows[0]?.mine ?? 0,
    mineUnread: mine.rows[0]?.mine_unread ?? 0,
    unassigned: open?.unassigned ?? 0,
    all: open?.n ?? 0,
    byStatus,
    byInbox: group('inbox'),
    byTeam: group('team'),
    byLabel: group('label'),
  };
}
