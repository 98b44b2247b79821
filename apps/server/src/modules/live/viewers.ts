import type { LiveViewer } from '@warmdesk/protocol';
import type { Pool, PoolClient } from 'pg';

type Db = Pool | PoolClient;

type ViewerRow = {
  contact_id: string;
  name: string | null;
  locale: string;
  first_joined_at: Date;
  last_joined_at: Date;
  left_at: Date | null;
  connections: number;
  muted: boolean;
  greeted_at: Date | null;
  verified: boolean;
  watched_before: boolean;
  last_conversation: { id: string; display_id: number; status: string; last_message_at: string | null } | null;
  tags: string[];
};

/** A viewer's name in the room: the contact's, or "访客 1a2b" / "Visitor 1a2b" for an anonymous one. */
export function viewerName(name: string | null, contactId: string, locale: string): string {
  if (name?.trim()) return name.trim();
  const short = contactId.replace(/-/g, '').slice(-4);
  return locale === 'en' ? `Visitor ${short}` : `访客 ${short}`;
}

/**
 * Viewers of a room with what is known of them: a verified identity, their last conversation, the labels of
 * their conversations, and whether they are returning (a conversation, or another room watched before).
 */
const viewers = (from: string) => `
SELECT v.contact_id, ct.name, a.locale, v.first_joined_at, v.last_joined_at, v.left_at, v.connections, v.muted,
       v.greeted_at,
       EXISTS (SELECT 1 FROM contact_identities ci
                WHERE ci.account_id = v.account_id AND ci.contact_id = v.contact_id AND ci.verified) AS verified,
       EXISTS (SELECT 1 FROM live_viewers o
                WHERE o.account_id = v.account_id AND o.contact_id = v.contact_id AND o.room_id <> v.room_id) AS watched_before,
       (SELECT json_build_object('id', c.id, 'display_id', c.display_id, 'status', c.status,
                                 'last_message_at', c.last_message_at)
          FROM conversations c WHERE c.account_id = v.account_id AND c.contact_id = v.contact_id
         ORDER BY c.created_at DESC LIMIT 1) AS last_conversation,
       ARRAY(SELECT DISTINCT l FROM conversations c, unnest(c.labels) AS l
              WHERE c.account_id = v.account_id AND c.contact_id = v.contact_id LIMIT 20) AS tags
  FROM ${from} v
  JOIN contacts ct ON ct.id = v.contact_id
  JOIN accounts a ON a.id = v.account_id`;
const VIEWERS = viewers('live_viewers');

/**
 * A viewer's socket joins: one more connection (a removed viewer's row is left as is and nothing is returned), and
 * in the same statement what staff see of them.
 */
export async function countJoin(
  db: Db,
  v: { accountId: string; roomId: string; contactId: string },
): Promise<{ connections: number; viewer: LiveViewer } | undefined> {
  const { rows } = await db.query<ViewerRow>(
    `WITH up AS (
       INSERT INTO live_viewers (account_id, room_id, contact_id, connections) VALUES ($1, $2, $3, 1)
       ON CONFLICT (room_id, contact_id) DO UPDATE SET
         connections = live_viewers.connections + 1,
         last_joined_at = CASE WHEN live_viewers.connections = 0 THEN now() ELSE live_viewers.last_joined_at END,
         left_at = CASE WHEN live_viewers.connections = 0 THEN NULL ELSE live_viewers.left_at END
       WHERE NOT live_viewers.removed
       RETURNING *)
     ${viewers('up')}`,
    [v.accountId, v.roomId, v.contactId],
  );
  const row = rows[0];
  return row ? { connections: row.connections, viewer: presentViewer(row) } : undefined;
}

function presentViewer(r: ViewerRow): LiveViewer {
  const last = r.last_conversation;
  return {
    contactId: r.contact_id,
    name: viewerName(r.name, r.contact_id, r.locale),
    avatarUrl: null,
    returning: r.watched_before || last !== null,
    verified: r.verified,
    lastConversation: last
      ? {
          id: last.id,
          displayId: last.display_id,
          status: last.status,
          lastActivityAt: last.last_message_at ? new Date(last.last_message_at).toISOString() : null,
        }
      : null,
    tags: r.tags,
    joinedAt: r.last_joined_at.toISOString(),
    leftAt: r.connections > 0 ? null : (r.left_at?.toISOString() ?? null),
    muted: r.muted,
    greetedAt: r.greeted_at?.toISOString() ?? null,
  };
}

export async function findViewer(db: Db, roomId: string, contactId: string): Promise<LiveViewer | undefined> {
  const { rows } = await db.query<ViewerRow>(`${VIEWERS} WHERE v.room_id = $1 AND v.contact_id = $2`, [
    roomId,
    contactId,
  ]);
  const row = rows[0];
  return row ? presentViewer(row) : undefined;
}

/** The room's viewers, those watching first, then by latest join; removed viewers are left out. */
export async function listViewers(db: Db, roomId: string, limit = 500): Promise<LiveViewer[]> {
  const { rows } = await db.query<ViewerRow>(
    `${VIEWERS} WHERE v.room_id = $1 AND NOT v.removed
      ORDER BY (v.connections > 0) DESC, v.last_joined_at DESC LIMIT $2`,
    [roomId, limit],
  );
  return rows.map(presentViewer);
}

/** A viewer's state in a room, for checks on their actions. */
export async function viewerState(
  db: Db,
  roomId: string,
  contactId: string,
): Promise<{ muted: boolean; removed: boolean; name: string } | undefined> {
  const { rows } = await db.query<{ muted: boolean; removed: boolean; name: string | null; locale: string }>(
    `SELECT v.muted, v.removed, ct.name, a.locale FROM live_viewers v
       JOIN contacts ct ON ct.id = v.contact_id JOIN accounts a ON a.id = v.account_id
      WHERE v.room_id = $1 AND v.contact_id = $2`,
    [roomId, contactId],
  );
  const r = rows[0];
  return r ? { muted: r.muted, removed: r.removed, name: viewerName(r.name, contactId, r.locale) } : undefined;
}
