import type { LiveChatMessage } from '@warmdesk/protocol';
import { uuidv7 } from '@warmdesk/protocol/uuid';
import type { Pool, PoolClient } from 'pg';
import { type AppContext, type Tx, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { chatPublished } from './events.js';
import { type LiveMessageRow, presentLiveMessage, type RoomRow } from './presenter.js';

export type LiveSender = { type: 'viewer' | 'agent'; id: string; name: string };

export type NewLiveMessage = {
  sender: LiveSender;
  clientMsgId: string;
  body: string;
  question?: boolean;
  quote?: LiveChatMessage['quote'];
  toContactId?: string | null;
};

async function resent(db: Pool | PoolClient, roomId: string, m: NewLiveMessage): Promise<LiveMessageRow | undefined> {
  const { rows } = await db.query<LiveMessageRow>(
    `SELECT * FROM live_messages WHERE room_id = $1 AND sender_type = $2 AND sender_id = $3 AND client_msg_id = $4`,
    [roomId, m.sender.type, m.sender.id, m.clientMsgId],
  );
  return rows[0];
}

export type StoreOptions = {
  guard?: () => Promise<void>;
  also?: (tx: Tx, row: LiveMessageRow) => Promise<void>;
};

const UNIQUE_VIOLATION = '23505';

/**
 * Stores a room message with the room's next seq (the room row is locked for that statement) and publishes it after
 * commit. Idempotent by clientMsgId per sender: a resend returns the original (`created: false`), published once.
 * `guard` checks a new message (not a resend) before it is stored (slow mode); `also` runs in the same transaction
 * (a greeting's greetedAt, an answered question).
 */
export async function storeLiveMessage(
  ctx: AppContext,
  room: RoomRow,
  m: NewLiveMessage,
  opts: StoreOptions = {},
): Promise<{ row: LiveMessageRow; created: boolean }> {
  const { also, guard } = opts;
  const before = await resent(ctx.db.pool, room.id, m);
  if (before) return { row: before, created: false };
  await guard?.();
  try {
    const row = await transaction(ctx, async (tx) => {
      const { rows } = await tx.client.query<LiveMessageRow>(
        `WITH bump AS (UPDATE live_rooms SET last_seq = last_seq + 1 WHERE id = $2 RETURNING last_seq)
         INSERT INTO live_messages (id, account_id, room_id, seq, sender_type, sender_id, sender_name, body, question,
                                    quote, to_contact_id, client_msg_id)
         SELECT $1, $3, $2, bump.last_seq, $4, $5, $6, $7, $8, $9, $10, $11 FROM bump
         RETURNING *`,
        [
          uuidv7(),
          room.id,
          room.account_id,
          m.sender.type,
          m.sender.id,
          m.sender.name,
          m.body,
          m.question ?? false,
          m.quote ?? null,
          m.toContactId ?? null,
          m.clientMsgId,
        ],
      );
      const inserted = rows[0];
      if (!inserted) throw new AppError('not_found', 'live room not found');
      await also?.(tx, inserted);
      tx.publishAfterCommit(
        chatPublished(room.account_id, { message: presentLiveMessage(inserted), inboxId: room.inbox_id }),
      );
      return inserted;
    });
    return { row, created: true };
  } catch (err) {
    // Two resends racing: the loser's statement rolled back; the winner's message is the answer.
    if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
    const winner = await resent(ctx.db.pool, room.id, m);
    if (!winner) throw err;
    return { row: winner, created: false };
  }
}

/** A changed message (a question mark, answered, deleted) goes again to everyone who may see it. */
export function republish(ctx: AppContext, room: RoomRow, row: LiveMessageRow): void {
  ctx.bus.publish([chatPublished(room.account_id, { message: presentLiveMessage(row), inboxId: room.inbox_id })]);
}

/** Chat is open until the room ends. */
export function assertChatOpen(room: RoomRow): void {
  if (room.state === 'ended') throw new AppError('conflict', 'this live room has ended; its chat is read-only');
}

/** Slow mode: how many seconds this viewer still has to wait since their last message (0: may write). */
export async function slowModeWait(db: Pool, room: RoomRow, contactId: string): Promise<number> {
  if (room.slow_mode_seconds <= 0) return 0;
  const { rows } = await db.query<{ wait: number | null }>(
    `SELECT ceil($3 - extract(epoch FROM now() - max(created_at)))::int AS wait
       FROM live_messages WHERE room_id = $1 AND sender_type = 'viewer' AND sender_id = $2`,
    [room.id, contactId, room.slow_mode_seconds],
  );
  return Math.max(0, rows[0]?.wait ?? 0);
}
