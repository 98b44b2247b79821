import type { LiveRoom, LiveRoomPublic } from '@warmdesk/protocol';
import type { AgentPrincipal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import { assertManages, roomNotFound } from './policy.js';
import { presentPublicRoom, presentRoom, type RoomRow } from './presenter.js';
import { cardsOf, findRoom, staffOf } from './queries.js';

/** A room of the agent's account (another account's room is the same 404 as an unknown id). */
export async function roomOfAgent(ctx: AppContext, p: AgentPrincipal, id: string): Promise<RoomRow> {
  const row = await findRoom(ctx.db.pool, p.accountId, id);
  if (!row) throw roomNotFound();
  return row;
}

export async function managedRoom(ctx: AppContext, p: AgentPrincipal, id: string): Promise<RoomRow> {
  return assertManages(p, await roomOfAgent(ctx, p, id));
}

/** The staff view of rooms, with their cards and co-hosts, in two queries for the whole list. */
export async function staffViews(ctx: AppContext, rows: RoomRow[]): Promise<LiveRoom[]> {
  const first = rows[0];
  if (!first) return [];
  const cards = await cardsOf(
    ctx.db.pool,
    rows.map((r) => r.id),
  );
  const staff = await staffOf(ctx.db.pool, first.account_id, [...new Set(rows.flatMap((r) => r.co_host_user_ids))]);
  return rows.map((r) =>
    presentRoom(
      r,
      cards.filter((c) => c.room_id === r.id),
      staff.filter((s) => r.co_host_user_ids.includes(s.id)),
      ctx.config.publicUrl,
    ),
  );
}

export async function staffView(ctx: AppContext, row: RoomRow): Promise<LiveRoom> {
  const [view] = await staffViews(ctx, [row]);
  if (!view) throw roomNotFound();
  return view;
}

export async function publicView(ctx: AppContext, row: RoomRow): Promise<LiveRoomPublic> {
  return presentPublicRoom(row, await cardsOf(ctx.db.pool, [row.id]));
}
