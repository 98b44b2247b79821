import type { LiveCardBody } from '@warmdesk/protocol';
import type { AgentPrincipal } from '../../platform/auth/principal.js';
import { type AppContext, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { roomChanged } from './events.js';
import type { CardRow, RoomRow } from './presenter.js';
import { findCard } from './queries.js';
import { insertCard } from './write-room.js';

const MAX_CARDS = 50;
const cardNotFound = () => new AppError('not_found', 'card not found');

/** Card changes of a room the caller manages; the room's sockets get `live:room`. */
export async function addCard(ctx: AppContext, p: AgentPrincipal, room: RoomRow, body: LiveCardBody): Promise<CardRow> {
  return transaction(ctx, async (tx) => {
    const { rows } = await tx.client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM live_cards WHERE room_id = $1',
      [room.id],
    );
    if ((rows[0]?.n ?? 0) >= MAX_CARDS) throw new AppError('conflict', `a room has at most ${MAX_CARDS} cards`);
    const id = await insertCard(tx, p.accountId, room.id, body);
    await tx.emit({ accountId: p.accountId, type: 'live.card_added', payload: { roomId: room.id, cardId: id } });
    tx.publishAfterCommit(roomChanged(p.accountId, room.id));
    const card = await findCard(tx.client, p.accountId, room.id, id);
    if (!card) throw cardNotFound();
    return card;
  });
}

export type CardPatch = Partial<LiveCardBody> & { pinned?: boolean };

export async function updateCard(
  ctx: AppContext,
  p: AgentPrincipal,
  room: RoomRow,
  cardId: string,
  patch: CardPatch,
): Promise<CardRow> {
  return transaction(ctx, async (tx) => {
    const { rowCount } = await tx.client.query(
      `UPDATE live_cards SET
         title = COALESCE($4, title),
         price = CASE WHEN $5 THEN $6 ELSE price END,
         image_url = CASE WHEN $7 THEN $8 ELSE image_url END,
         link_url = COALESCE($9, link_url),
         pinned = COALESCE($10, pinned)
       WHERE account_id = $1 AND room_id = $2 AND id = $3`,
      [
        p.accountId,
        room.id,
        cardId,
        patch.title ?? null,
        patch.price !== undefined,
        patch.price ?? null,
        patch.imageUrl !== undefined,
        patch.imageUrl ?? null,
        patch.linkUrl ?? null,
        patch.pinned ?? null,
      ],
    );
    if (!rowCount) throw cardNotFound();
    const type =
      patch.pinned === undefined ? 'live.card_updated' : patch.pinned ? 'live.card_pinned' : 'live.card_unpinned';
    await tx.emit({ accountId: p.accountId, type, payload: { roomId: room.id, cardId, by: p.userId } });
    tx.publishAfterCommit(roomChanged(p.accountId, room.id));
    const card = await findCard(tx.client, p.accountId, room.id, cardId);
    if (!card) throw cardNotFound();
    return card;
  });
}

export async function deleteCard(ctx: AppContext, p: AgentPrincipal, room: RoomRow, cardId: string): Promise<void> {
  await transaction(ctx, async (tx) => {
    const { rowCount } = await tx.client.query(
      'DELETE FROM live_cards WHERE account_id = $1 AND room_id = $2 AND id = $3',
      [p.accountId, room.id, cardId],
    );
    if (!rowCount) throw cardNotFound();
    await tx.emit({ accountId: p.accountId, type: 'live.card_deleted', payload: { roomId: room.id, cardId } });
    tx.publishAfterCommit(roomChanged(p.accountId, room.id));
  });
}

/** A viewer opened a card: one row per viewer and card, every click counted in it. */
export async function recordClick(
  ctx: AppContext,
  v: { accountId: string; contactId: string },
  room: RoomRow,
  cardId: string,
): Promise<void> {
  const { rowCount } = await ctx.db.pool.query(
    `INSERT INTO live_card_clicks (account_id, room_id, card_id, contact_id)
     SELECT $1, $2, id, $4 FROM live_cards WHERE room_id = $2 AND id = $3
     ON CONFLICT (card_id, contact_id) DO UPDATE SET clicks = live_card_clicks.clicks + 1, last_at = now()`,
    [v.accountId, room.id, cardId, v.contactId],
  );
  if (!rowCount) throw cardNotFound();
}
