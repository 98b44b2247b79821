import {
  type LiveJoinResult,
  zLiveAnswerPayload,
  zLiveCardClickPayload,
  zLiveChatPayload,
  zLiveGreetPayload,
  zLiveModeratePayload,
  zLivePinPayload,
  zLivePrivatePayload,
  zLiveQuestionPayload,
  zLiveRoomIdPayload,
  zLiveSdpPayload,
} from '@warmdesk/protocol';
import type { AgentPrincipal, CustomerPrincipal, Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { handle } from '../../platform/realtime/handle.js';
import { type IoSocket, type Realtime, rooms } from '../../platform/realtime/types.js';
import { removedError, viewerJoined, viewerLeft } from './attendance.js';
import { recordClick, updateCard } from './cards.js';
import { LIVE_ROOM_CHANGED, type LiveRoomChanged, onLive } from './events.js';
import { liveFanOut, liveRoom } from './fan-out.js';
import { publish, publisherGone, unpublish, watch } from './media-signal.js';
import { assertManages, roomNotFound } from './policy.js';
import { presentLiveMessage, type RoomRow } from './presenter.js';
import { openPrivateChat } from './private-chat.js';
import { findRoom, roomMessages } from './queries.js';
import { RoomCache } from './room-cache.js';
import { publicView, staffView } from './room-view.js';
import { answerQuestion, greetViewer, moderate, staffChat } from './staff-actions.js';
import { computeStats } from './stats.js';
import { startStatsTicker } from './stats-ticker.js';
import { markQuestion, viewerChat } from './viewer-actions.js';
import { listViewers, viewerState } from './viewers.js';

const JOIN_MESSAGES = 50;

/** A room the principal may see: of their account, and for viewers linked to the inbox of their session. */
async function roomFor(ctx: AppContext, cache: RoomCache, p: Principal, roomId: string): Promise<RoomRow> {
  const row =
    p.kind === 'customer' ? await cache.get(p.accountId, roomId) : await findRoom(ctx.db.pool, p.accountId, roomId);
  if (!row || (p.kind === 'customer' && row.inbox_id !== p.inboxId)) throw roomNotFound();
  return row;
}

const agentOnly = (p: Principal): AgentPrincipal => {
  if (p.kind !== 'agent') throw new AppError('forbidden', 'staff only');
  return p;
};
const viewerOnly = (p: Principal): CustomerPrincipal => {
  if (p.kind !== 'customer') throw new AppError('forbidden', 'viewers only');
  return p;
};

/** Live rooms (docs/protocol.md "Live rooms"): the `live:*` events of viewers and staff, fan-out and stats. */
export function liveSocket(rt: Realtime, ctx: AppContext): void {
  const cache = new RoomCache(ctx.db.pool);
  onLive<LiveRoomChanged>(ctx.bus, LIVE_ROOM_CHANGED, (_accountId, { roomId }) => cache.forget(roomId));
  liveFanOut(rt, ctx);
  const stopTicker = startStatsTicker(rt, ctx);
  const warn = (what: string) => (err: unknown) => ctx.log.warn({ err }, what);

  const register = (socket: IoSocket) => {
    const p = socket.data.principal;
    /** Rooms this socket joined as a viewer (its connection is counted there), and rooms it publishes in. */
    const watching = new Set<string>();
    const publishing = new Set<string>();
    /** Staff watching a room's media (a co-host's preview): dropped from the SFU when the socket goes. */
    const previews = new Set<string>();
    // A socket's joins and leaves of one room are handled in order (a double join counts once).
    const attendance = { orderBy: (r: { roomId: string }) => `live-attendance:${r.roomId}` };
    const staffRoom = async (roomId: string) => assertManages(agentOnly(p), await roomFor(ctx, cache, p, roomId));

    const leaveAsViewer = async (roomId: string) => {
      if (!watching.delete(roomId) || p.kind !== 'customer') return;
      await ctx.media?.leave(roomId, socket.id).catch(warn('leaving live media failed'));
      await viewerLeft(ctx, p.accountId, roomId, p.contactId);
    };

    socket.on(
      'live:join',
      handle(
        ctx,
        socket,
        zLiveRoomIdPayload,
        async ({ roomId }): Promise<LiveJoinResult> => {
          const room = await roomFor(ctx, cache, p, roomId);
          if (p.kind === 'agent') {
            await socket.join(liveRoom(roomId));
            const [view, page, viewers, stats] = await Promise.all([
              staffView(ctx, room),
              roomMessages(ctx.db.pool, roomId, { limit: JOIN_MESSAGES }),
              listViewers(ctx.db.pool, roomId),
              computeStats(ctx.db.pool, roomId),
            ]);
            return { room: view, messages: page.messages.map(presentLiveMessage), viewers, stats };
          }
          let muted = false;
          if (watching.has(roomId)) {
            // Joined again on this socket: already counted, unless a moderator removed them meanwhile.
            const state = await viewerState(ctx.db.pool, roomId, p.contactId);
            if (state?.removed) {
              watching.delete(roomId);
              throw removedError();
            }
            muted = state?.muted ?? false;
          } else if (room.state !== 'ended') {
            muted = (await viewerJoined(ctx, p, roomId)).muted;
            watching.add(roomId);
            // Gone while this join was stored: the disconnect handler did not know of it yet.
            if (socket.disconnected) {
              await leaveAsViewer(roomId);
              return { room: await publicView(ctx, room), messages: [] };
            }
          }
          await socket.join(liveRoom(roomId));
          const [view, page] = await Promise.all([
            publicView(ctx, room),
            roomMessages(ctx.db.pool, roomId, { limit: JOIN_MESSAGES, forContact: p.contactId }),
          ]);
          return { room: view, messages: page.messages.map(presentLiveMessage), muted };
        },
        attendance,
      ),
    );

    socket.on(
      'live:leave',
      handle(
        ctx,
        socket,
        zLiveRoomIdPayload,
        async ({ roomId }) => {
          await socket.leave(liveRoom(roomId));
          await leaveAsViewer(roomId);
          return {};
        },
        attendance,
      ),
    );

    socket.on(
      'live:chat',
      handle(
        ctx,
        socket,
        zLiveChatPayload,
        async (c) => {
          if (p.kind === 'customer')
            return { message: await viewerChat(ctx, p, await roomFor(ctx, cache, p, c.roomId), c) };
          return { message: await staffChat(ctx, p, await staffRoom(c.roomId), c) };
        },
        { orderBy: (c) => `live:${c.roomId}` },
      ),
    );

    socket.on(
      'live:question',
      handle(ctx, socket, zLiveQuestionPayload, async (q) => {
        const viewer = viewerOnly(p);
        return { message: await markQuestion(ctx, viewer, await roomFor(ctx, cache, p, q.roomId), q.messageId) };
      }),
    );

    socket.on(
      'live:click',
      handle(ctx, socket, zLiveCardClickPayload, async (c) => {
        const viewer = viewerOnly(p);
        await recordClick(ctx, viewer, await roomFor(ctx, cache, p, c.roomId), c.cardId);
        return {};
      }),
    );

    socket.on(
      'live:answer',
      handle(ctx, socket, zLiveAnswerPayload, async (a) => ({
        message: await answerQuestion(ctx, agentOnly(p), await staffRoom(a.roomId), a),
      })),
    );

    socket.on(
      'live:greet',
      handle(ctx, socket, zLiveGreetPayload, async (g) => ({
        message: await greetViewer(ctx, agentOnly(p), await staffRoom(g.roomId), g),
      })),
    );

    socket.on(
      'live:moderate',
      handle(ctx, socket, zLiveModeratePayload, async (m) => {
        const room = await staffRoom(m.roomId);
        const { removedContactId } = await moderate(ctx, agentOnly(p), room, m);
        if (removedContactId) {
          // Their sockets on every process leave the room and its media.
          const theirs = rt.customers.in(rooms.customer(removedContactId, room.inbox_id));
          const sockets = await theirs.fetchSockets();
          theirs.socketsLeave(liveRoom(room.id));
          for (const s of sockets) await ctx.media?.leave(room.id, s.id).catch(warn('leaving live media failed'));
        }
        return {};
      }),
    );

    socket.on(
      'live:pin',
      handle(ctx, socket, zLivePinPayload, async (pin) => {
        const room = await staffRoom(pin.roomId);
        await updateCard(ctx, agentOnly(p), room, pin.cardId, { pinned: pin.pinned });
        return { room: await staffView(ctx, await roomFor(ctx, cache, p, pin.roomId)) };
      }),
    );

    socket.on(
      'live:private',
      handle(ctx, socket, zLivePrivatePayload, async (v) => ({
        conversation: await openPrivateChat(ctx, agentOnly(p), await staffRoom(v.roomId), v),
      })),
    );

    socket.on(
      'live:publish',
      handle(ctx, socket, zLiveSdpPayload, async (s) => {
        const sdp = await publish(ctx, agentOnly(p), await roomFor(ctx, cache, p, s.roomId), s);
        publishing.add(s.roomId);
        return { sdp };
      }),
    );

    socket.on(
      'live:unpublish',
      handle(ctx, socket, zLiveRoomIdPayload, async ({ roomId }) => {
        await unpublish(ctx, agentOnly(p), await roomFor(ctx, cache, p, roomId));
        publishing.delete(roomId);
        return {};
      }),
    );

    socket.on(
      'live:watch',
      handle(ctx, socket, zLiveSdpPayload, async (s) => {
        const room = await roomFor(ctx, cache, p, s.roomId);
        if (p.kind === 'customer' && !watching.has(room.id)) throw new AppError('conflict', 'join the live room first');
        if (p.kind === 'agent') previews.add(room.id);
        return { sdp: await watch(ctx, room, socket.id, s) };
      }),
    );

    socket.on('disconnect', () => {
      for (const roomId of [...watching]) rt.track(leaveAsViewer(roomId).catch(warn('a live viewer leaving failed')));
      for (const roomId of previews) {
        const leaving = ctx.media?.leave(roomId, socket.id).catch(warn('leaving live media failed'));
        if (leaving) rt.track(leaving);
      }
      for (const roomId of publishing) {
        rt.track(
          findRoom(ctx.db.pool, p.accountId, roomId)
            .then((room) => (room ? publisherGone(ctx, room) : undefined))
            .catch(warn('stopping a gone publisher failed')),
        );
      }
    });
  };
  rt.customers.on('connection', register);
  rt.agents.on('connection', register);

  const close = rt.close;
  rt.close = async () => {
    stopTicker();
    await close();
  };
}
