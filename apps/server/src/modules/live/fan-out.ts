import type { LiveViewerEvent } from '@warmdesk/protocol';
import type { AppContext } from '../../platform/context.js';
import { type Realtime, rooms } from '../../platform/realtime/types.js';
import {
  LIVE_CHAT,
  LIVE_ROOM_CHANGED,
  LIVE_VIEWER,
  LIVE_YOU,
  type LiveChatPublished,
  type LiveRoomChanged,
  type LiveYouPublished,
  onLive,
} from './events.js';
import { presentPublicRoom, presentRoom } from './presenter.js';
import { cardsOf, findRoom, staffOf } from './queries.js';

/** The realtime room of a live room, in both namespaces: its viewers (customers) and its staff (agents). */
export const liveRoom = (roomId: string) => `live:${roomId}`;

/**
 * Delivers committed live events. Everything goes through Socket.IO rooms, so with the Redis adapter it reaches
 * sockets on every process: the room (`live:{id}`), a viewer's own sockets (`customer:{contact}:{inbox}`).
 */
export function liveFanOut(rt: Realtime, ctx: AppContext): void {
  onLive<LiveRoomChanged>(ctx.bus, LIVE_ROOM_CHANGED, async (accountId, { roomId }) => {
    const row = await findRoom(ctx.db.pool, accountId, roomId);
    if (!row) return;
    const cards = await cardsOf(ctx.db.pool, [roomId]);
    const coHosts = await staffOf(ctx.db.pool, accountId, row.co_host_user_ids);
    rt.agents.to(liveRoom(roomId)).emit('live:room', presentRoom(row, cards, coHosts, ctx.config.publicUrl));
    rt.customers.to(liveRoom(roomId)).emit('live:room', presentPublicRoom(row, cards));
  });

  onLive<LiveChatPublished>(ctx.bus, LIVE_CHAT, (_accountId, { message, inboxId }) => {
    rt.agents.to(liveRoom(message.roomId)).emit('live:chat', message);
    const viewers = message.toContactId ? rooms.customer(message.toContactId, inboxId) : liveRoom(message.roomId);
    rt.customers.to(viewers).emit('live:chat', message);
  });

  onLive<LiveViewerEvent>(ctx.bus, LIVE_VIEWER, (_accountId, event) => {
    rt.agents.to(liveRoom(event.roomId)).emit('live:viewer', event);
  });

  onLive<LiveYouPublished>(ctx.bus, LIVE_YOU, (_accountId, { contactId, inboxId, event }) => {
    rt.customers.to(rooms.customer(contactId, inboxId)).emit('live:you', event);
  });
}
