import {
  zCallAcceptPayload,
  zCallIdPayload,
  zCallMediaStatePayload,
  zCallNoticePayload,
  zCallPointerPayload,
  zCallQualityPayload,
  zCallRejoinPayload,
  zCallSignalPayload,
  zCallStartPayload,
} from '@warmdesk/protocol';
import type { AppContext } from '../../platform/context.js';
import { handle } from '../../platform/realtime/handle.js';
import { type IoSocket, type Realtime, rooms } from '../../platform/realtime/types.js';
import { ConversationAccess } from '../conversations/access.js';
import { onConversationChanged } from '../conversations/events.js';
import { agentRoomsFor } from '../messages/fan-out.js';
import { acceptCall } from './accept-call.js';
import { declineCall, expireRinging, hangUpCall } from './end-call.js';
import { onCallChanged } from './events.js';
import { presentCall } from './presenter.js';
import { deleteExpiredRecordings } from './recording-retention.js';
import { awayKey, rejoinCall, socketLeft } from './rejoin.js';
import { CallRelay } from './relay.js';
import { ringAssignee } from './ring-assignee.js';
import { startCall } from './start-call.js';
import { sweepStaleCalls } from './sweep.js';
import { KeyedTimers } from './timers.js';

const STALE_SWEEP_MS = 10_000;
const RETENTION_SWEEP_MS = 60 * 60 * 1000;
/** The pointer moves at most this often per socket; the rest is dropped (it is volatile anyway). */
const POINTER_EVERY_MS = 25;

/**
 * Calls (docs/protocol.md "Calls"): the `call:*` socket events, `call:updated` to both sides, ring and rejoin
 * timers, a queued call ringing the agent its conversation goes to, and the sweeps (stale calls, old recordings).
 */
export function callsSocket(rt: Realtime, ctx: AppContext): void {
  const access = new ConversationAccess(ctx.db.pool);
  const relay = new CallRelay(rt, ctx, access);
  const warn = (what: string) => (err: unknown) => ctx.log.warn({ err }, what);
  const timers = new KeyedTimers(warn('a call timer failed'));

  onCallChanged(ctx.bus, (accountId, { call, customer, assigneeUserId, rungAt }) => {
    rt.customers.to(rooms.customer(customer.contactId, customer.inboxId)).emit('call:updated', call);
    rt.agents
      .to([
        ...agentRoomsFor(accountId, call.conversationId, assigneeUserId),
        ...(call.agent ? [rooms.user(call.agent.id)] : []),
      ])
      .emit('call:updated', call);
    const ring = `ring:${call.id}`;
    if (call.state === 'ringing' && rungAt) {
      const left = ctx.config.callRingTimeoutMs - (Date.now() - Date.parse(rungAt));
      timers.set(ring, left, () => expireRinging(ctx, accountId, call.id, new Date(rungAt)));
    } else timers.clear(ring);
    if (call.state === 'ended') {
      timers.clear(awayKey(call.id, 'customer'));
      timers.clear(awayKey(call.id, 'agent'));
    }
  });

  onConversationChanged(ctx.bus, ({ conversation: c, changes }) => {
    if (!c.assignee_user_id || !changes.some((x) => x === 'routed' || x === 'assignee')) return;
    ringAssignee(ctx, c.account_id, c.id, c.assignee_user_id).catch(warn('ringing the assigned agent failed'));
  });

  const register = (socket: IoSocket) => {
    const p = socket.data.principal;
    const ordered = { orderBy: (m: { callId: string }) => `call:${m.callId}` };
    let pointerAt = 0;
    // A socket's id is stored in a call only by its own start, accept or rejoin, on this process: a socket that
    // never did one needs no look-up when it goes.
    let joinedACall = false;
    const joined = <T>(value: T): T => {
      joinedACall = true;
      return value;
    };

    socket.on(
      'call:start',
      handle(ctx, socket, zCallStartPayload, async (s) => {
        await access.assert(p, s.conversationId);
        return { call: presentCall(joined(await startCall(ctx, p, socket.id, s))) };
      }),
    );
    socket.on(
      'call:accept',
      handle(ctx, socket, zCallAcceptPayload, async (a) => ({
        call: presentCall(joined(await acceptCall(ctx, access, p, socket.id, a))),
      })),
    );
    socket.on(
      'call:decline',
      handle(ctx, socket, zCallIdPayload, async (d) => ({
        call: presentCall(await declineCall(ctx, access, p, d.callId)),
      })),
    );
    socket.on(
      'call:hangup',
      handle(ctx, socket, zCallIdPayload, async (h) => ({
        call: presentCall(await hangUpCall(ctx, access, p, h.callId)),
      })),
    );
    socket.on(
      'call:rejoin',
      handle(ctx, socket, zCallRejoinPayload, async (r) => {
        relay.forget(socket.id);
        const call = await rejoinCall(ctx, rt, access, timers, p, socket.id, r.conversationId);
        return { call: call ? presentCall(joined(call)) : null };
      }),
    );
    socket.on(
      'call:signal',
      handle(
        ctx,
        socket,
        zCallSignalPayload,
        async (s) => {
          await relay.signal(p, socket.id, s);
          return {};
        },
        // ICE candidates come in bursts at the start of a call.
        { ...ordered, cost: 0.5 },
      ),
    );
    socket.on(
      'call:media',
      handle(
        ctx,
        socket,
        zCallMediaStatePayload,
        async (m) => {
          await relay.media(p, socket.id, m);
          return {};
        },
        ordered,
      ),
    );
    socket.on(
      'call:quality',
      handle(ctx, socket, zCallQualityPayload, async (q) => {
        await relay.quality(p, socket.id, q);
        return {};
      }),
    );
    socket.on(
      'call:notice',
      handle(
        ctx,
        socket,
        zCallNoticePayload,
        async (n) => {
          await relay.notice(p, socket.id, n);
          return {};
        },
        ordered,
      ),
    );
    socket.on(
      'call:pointer',
      handle(
        ctx,
        socket,
        zCallPointerPayload,
        async (m) => {
          const now = Date.now();
          if (now - pointerAt < POINTER_EVERY_MS && m.kind === 'point') return {};
          pointerAt = now;
          await relay.pointer(p, socket.id, m);
          return {};
        },
        { cost: 0.1 },
      ),
    );
    socket.on('disconnect', () => {
      relay.forget(socket.id);
      if (!joinedACall) return;
      rt.track(socketLeft(ctx, rt, timers, socket.id).catch(warn('a call side going away failed')));
    });
  };
  rt.customers.on('connection', register);
  rt.agents.on('connection', register);

  const staleSweep = setInterval(() => sweepStaleCalls(ctx).catch(warn('sweeping stale calls failed')), STALE_SWEEP_MS);
  const retentionSweep = setInterval(
    () => deleteExpiredRecordings(ctx).catch(warn('deleting expired call recordings failed')),
    RETENTION_SWEEP_MS,
  );
  staleSweep.unref();
  retentionSweep.unref();

  // Stop this process's timers before the database closes.
  const close = rt.close;
  rt.close = async () => {
    clearInterval(staleSweep);
    clearInterval(retentionSweep);
    timers.stop();
    await close();
  };
}
