import type { LiveStaff } from '@warmdesk/protocol';
import type { Pool, PoolClient } from 'pg';
import type { CardRow, LiveMessageRow, RoomRow } from './presenter.js';

type Db = Pool | PoolClient;

const ROOM = `SELECT r.*, i.public_key AS inbox_key, u.name AS host_name
  FROM live_rooms r JOIN inboxes i ON i.id = r.inbox_id JOIN users u ON u.id = r.host_user_id`;

export async function findRoom(db: Db, accountId: string, id: string): Promise<RoomRow | undefined> {
  const { rows } = await db.query<RoomRow>(`${ROOM} WHERE r.account_id = $1 AND r.id = $2`, [accountId, id]);
  return rows[0];
}

export async function findRoomBySlug(db: Db, slug: string): Promise<RoomRow | undefined> {
  const { rows } = await db.query<RoomRow>(`${ROOM} WHERE r.slug = $1`, [slug]);
  return rows[0];
}

/** Rooms of the account, newest first; `hostedBy`: only those the user hosts or co-hosts. */
export async function listRooms(db: Db, accountId: string, hostedBy?: string): Promise<RoomRow[]> {
  const { rows } = await db.query<RoomRow>(
    `${ROOM} WHERE r.account_id = $1 AND ($2::uuid IS NULL OR r.host_user_id = $2 OR $2 = ANY(r.co_host_user_ids))
      ORDER BY r.created_at DESC LIMIT 200`,
    [accountId, hostedBy ?? null],
  );
  return rows;
}

/** Live rooms of an inbox (the widget's "live now" banner). */
export async function liveRoomsOfInbox(db: Db, accountId: string, inboxId: string): Promise<RoomRow[]> {
  const { rows } = await db.query<RoomRow>(
    `${ROOM} WHERE r.account_id = $1 AND r.inbox_id = $2 AND r.state = 'live' ORDER BY r.started_at DESC LIMIT 10`,
    [accountId, inboxId],
  );
  return rows;
}

const CARDS = `SELECT c.*, (SELECT count(*)::int FROM live_card_clicks k WHERE k.card_id = c.id) AS clicks
  FROM live_cards c`;

export async function cardsOf(db: Db, roomIds: string[]): Promise<CardRow[]> {
  if (roomIds.length === 0) return [];
  const { rows } = await db.query<CardRow>(`${CARDS} WHERE c.room_id = ANY($1::uuid[]) ORDER BY c.created_at, c.id`, [
    roomIds,
  ]);
  return rows;
}

export async function findCard(db: Db, accountId: string, roomId: string, cardId: string) {
  const { rows } = await db.query<CardRow>(`${CARDS} WHERE c.account_id = $1 AND c.room_id = $2 AND c.id = $3`, [
    accountId,
    roomId,
    cardId,
  ]);
  return rows[0];
}

/** Names of users of the account, in the order of `ids` (unknown ids are left out). */
export async function staffOf(db: Db, accountId: string, ids: string[]): Promise<LiveStaff[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM users WHERE account_id = $1 AND id = ANY($2::uuid[])',
    [accountId, ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r.name]));
  return ids.flatMap((id) => {
    const name = byId.get(id);
    return name === undefined ? [] : [{ id, name, avatarUrl: null }];
  });
}

/**
 * Room messages before `before` (seq), newest page first in the query, returned oldest first. Viewers see public
 * messages and those addressed to them; staff (`forContact` undefined) see all.
 */
export async function roomMessages(
  db: Db,
  roomId: string,
  opts: { before?: number; limit: number; forContact?: string },
): Promise<{ messages: LiveMessageRow[]; hasMore: boolean }> {
  const { rows } = await db.query<LiveMessageRow>(
    `SELECT * FROM live_messages
      WHERE room_id = $1 AND ($2::int IS NULL OR seq < $2)
        AND ($3::uuid IS NULL OR to_contact_id IS NULL OR to_contact_id = $3)
      ORDER BY seq DESC LIMIT $4`,
    [roomId, opts.before ?? null, opts.forContact ?? null, opts.limit + 1],
  );
  const hasMore = rows.length > opts.limit;
  return { messages: rows.slice(0, opts.limit).reverse(), hasMore };
}

export async function findLiveMessage(db: Db, roomId: string, id: string): Promise<LiveMessageRow | undefined> {
  const { rows } = await db.query<LiveMessageRow>('SELECT * FROM live_messages WHERE room_id = $1 AND id = $2', [
    roomId,
    id,
  ]);
  return rows[0];
}
