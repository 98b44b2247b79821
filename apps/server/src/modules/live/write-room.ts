import { randomBytes } from 'node:crypto';
import type { LiveCardBody, LiveRoomCreateBody, LiveRoomUpdateBody } from '@warmdesk/protocol';
import type { AgentPrincipal } from '../../platform/auth/principal.js';
import { type AppContext, type Tx, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { roomChanged } from './events.js';
import { roomNotFound } from './policy.js';
import type { RoomRow } from './presenter.js';
import { findRoom } from './queries.js';

/** The random share id in the room's public link (64 bits, URL-safe). */
const newSlug = () => randomBytes(8).toString('base64url');

async function assertInbox(tx: Tx, accountId: string, inboxId: string): Promise<void> {
  const { rowCount } = await tx.client.query(
    "SELECT 1 FROM inboxes WHERE account_id = $1 AND id = $2 AND type = 'web_widget'",
    [accountId, inboxId],
  );
  if (!rowCount) throw new AppError('not_found', 'inbox not found (a live room needs a web widget inbox)');
}

async function assertTeam(tx: Tx, accountId: string, teamId: string | null | undefined): Promise<void> {
  if (!teamId) return;
  const { rowCount } = await tx.client.query('SELECT 1 FROM teams WHERE account_id = $1 AND id = $2', [
    accountId,
    teamId,
  ]);
  if (!rowCount) throw new AppError('not_found', 'team not found');
}

async function assertUsers(tx: Tx, accountId: string, ids: string[]): Promise<void> {
  const { rows } = await tx.client.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM users WHERE account_id = $1 AND id = ANY($2::uuid[]) AND active',
    [accountId, ids],
  );
  if ((rows[0]?.n ?? 0) !== new Set(ids).size)
    throw new AppError('not_found', 'a co-host is not an active user of this account');
}

export async function insertCard(tx: Tx, accountId: string, roomId: string, card: LiveCardBody): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>(
    `INSERT INTO live_cards (account_id, room_id, title, price, image_url, link_url)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [accountId, roomId, card.title, card.price ?? null, card.imageUrl ?? null, card.linkUrl],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('card not stored');
  return id;
}

/** A new room hosted by its creator, with its cards; `origin` makes its share URL without a configured public URL. */
export async function createRoom(
  ctx: AppContext,
  p: AgentPrincipal,
  body: LiveRoomCreateBody,
  origin: string,
): Promise<RoomRow> {
  return transaction(ctx, async (tx) => {
    await assertInbox(tx, p.accountId, body.inboxId);
    await assertTeam(tx, p.accountId, body.teamId);
    const { rows } = await tx.client.query<{ id: string }>(
      `INSERT INTO live_rooms (account_id, inbox_id, team_id, host_user_id, slug, origin, title, description, cover_url,
                               scheduled_at, bitrate_cap_kbps, recording)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        p.accountId,
        body.inboxId,
        body.teamId ?? null,
        p.userId,
        newSlug(),
        origin,
        body.title,
        body.description,
        body.coverUrl ?? null,
        body.scheduledAt ?? null,
        body.bitrateCapKbps,
        body.recording,
      ],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error('room not stored');
    for (const card of body.cards ?? []) await insertCard(tx, p.accountId, id, card);
    await tx.emit({ accountId: p.accountId, type: 'live.created', payload: { roomId: id, by: p.userId } });
    const row = await findRoom(tx.client, p.accountId, id);
    if (!row) throw roomNotFound();
    return row;
  });
}

const COLUMNS: Record<keyof LiveRoomUpdateBody, string> = {
  title: 'title',
  description: 'description',
  coverUrl: 'cover_url',
  scheduledAt: 'scheduled_at',
  teamId: 'team_id',
  bitrateCapKbps: 'bitrate_cap_kbps',
  recording: 'recording',
  announcement: 'announcement',
  slowModeSeconds: 'slow_mode_seconds',
  coHostUserIds: 'co_host_user_ids',
};

/** Applies a patch (the caller manages the room); viewers and staff in the room get `live:room`. */
export async function updateRoom(
  ctx: AppContext,
  p: AgentPrincipal,
  row: RoomRow,
  patch: LiveRoomUpdateBody,
): Promise<RoomRow> {
  return transaction(ctx, async (tx) => {
    if (patch.teamId !== undefined) await assertTeam(tx, p.accountId, patch.teamId);
    if (patch.coHostUserIds) await assertUsers(tx, p.accountId, patch.coHostUserIds);
    const sets: string[] = [];
    const params: unknown[] = [p.accountId, row.id];
    for (const [key, column] of Object.entries(COLUMNS) as [keyof LiveRoomUpdateBody, string][]) {
      const value = patch[key];
      if (value === undefined) continue;
      params.push(key === 'coHostUserIds' && Array.isArray(value) ? [...new Set(value)] : value);
      sets.push(`${column} = $${params.length}`);
    }
    if (sets.length > 0) {
      await tx.client.query(
        `UPDATE live_rooms SET ${sets.join(', ')}, updated_at = now() WHERE account_id = $1 AND id = $2`,
        params,
      );
      await tx.emit({
        accountId: p.accountId,
        type: 'live.updated',
        payload: { roomId: row.id, by: p.userId, fields: Object.keys(patch) },
      });
      tx.publishAfterCommit(roomChanged(p.accountId, row.id));
    }
    const updated = await findRoom(tx.client, p.accountId, row.id);
    if (!updated) throw roomNotFound();
    return updated;
  });
}
