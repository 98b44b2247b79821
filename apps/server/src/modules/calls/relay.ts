import type {
  CallMediaStatePayload,
  CallNoticePayload,
  CallParty,
  CallPointerPayload,
  CallQualityPayload,
  CallSignalPayload,
} from '@warmdesk/protocol';
import type { Principal } from '../../platform/auth/principal.js';
import { type AppContext, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { Realtime } from '../../platform/realtime/types.js';
import type { ConversationAccess } from '../conversations/access.js';
import { visibleCall } from './party.js';
import { type CallRow, otherParty, socketOf } from './presenter.js';
import { updateCall } from './queries.js';
import { callChanged } from './timeline.js';

type Route = { row: CallRow; party: CallParty; to: string };

/** How long the pointer may use a remembered route (it moves many times a second; signals always read fresh). */
const POINTER_ROUTE_MS = 1000;

/**
 * Relays what one side of an active call sends to the other side's socket in the call, and to no one else. The
 * sender must be its side's socket in the call (the tab that answered or rejoined), so another tab, another
 * agent or another account gets an error, never the stream.
 */
export class CallRelay {
  /** Per socket, per call: the route and when it was read. */
  private readonly routes = new Map<string, Map<string, { at: number; route: Route }>>();

  constructor(
    private readonly rt: Realtime,
    private readonly ctx: AppContext,
    private readonly access: ConversationAccess,
  ) {}

  private async route(p: Principal, socketId: string, callId: string, maxAgeMs = 0): Promise<Route> {
    const hit = this.routes.get(socketId)?.get(callId);
    if (hit && Date.now() - hit.at <= maxAgeMs) return hit.route;
    const { row, party } = await visibleCall(this.ctx.db.pool, this.access, p, callId);
    if (socketOf(row, party) !== socketId) throw new AppError('forbidden', 'this socket is not in the call');
    if (row.state !== 'active') throw new AppError('conflict', `the call is ${row.state}, not active`);
    const to = socketOf(row, otherParty(party));
    if (!to) throw new AppError('conflict', 'the other side is not connected to the call');
    const route = { row, party, to };
    if (this.routes.size > 10_000) this.routes.clear();
    const ofSocket = this.routes.get(socketId) ?? new Map<string, { at: number; route: Route }>();
    ofSocket.set(callId, { at: Date.now(), route });
    this.routes.set(socketId, ofSocket);
    return route;
  }

  /** The namespace of the side a route leads to. */
  private toSide(route: Route) {
    return (route.party === 'agent' ? this.rt.customers : this.rt.agents).to(route.to);
  }

  async signal(p: Principal, socketId: string, s: CallSignalPayload): Promise<void> {
    const route = await this.route(p, socketId, s.callId);
    this.toSide(route).emit('call:signal', {
      callId: s.callId,
      from: route.party,
      ...(s.description ? { description: s.description } : {}),
      ...(s.candidate ? { candidate: s.candidate } : {}),
    });
  }

  /** What a side sends now; the call's media follows (video when a camera or a screen is on). */
  async media(p: Principal, socketId: string, m: CallMediaStatePayload): Promise<void> {
    const route = await this.route(p, socketId, m.callId);
    this.toSide(route).emit('call:media', { ...m, from: route.party });
    const media = m.video || m.screen ? 'video' : 'voice';
    if (media === route.row.media) return;
    await transaction(this.ctx, async (tx) => {
      const row = await updateCall(tx.client, p.accountId, m.callId, {
        set: 'media = $3',
        where: `state = 'active' AND media <> $3`,
        params: [media],
      });
      if (row) await callChanged(tx, row);
    });
  }

  /** The side's latest connection quality, kept for the timeline's summary when the call ends. */
  async quality(p: Principal, socketId: string, q: CallQualityPayload): Promise<void> {
    const route = await this.route(p, socketId, q.callId);
    const column = route.party === 'customer' ? 'quality_customer' : 'quality_agent';
    await updateCall(this.ctx.db.pool, p.accountId, q.callId, {
      set: `${column} = $3::jsonb`,
      where: `state = 'active'`,
      params: [JSON.stringify(q.quality)],
    });
  }

  /** Agents tell the customer before a snapshot, when recording starts or stops, or to ask for their screen. */
  async notice(p: Principal, socketId: string, n: CallNoticePayload): Promise<void> {
    if (p.kind !== 'agent') throw new AppError('forbidden', 'only agents send call notices');
    const route = await this.route(p, socketId, n.callId);
    this.rt.customers.to(route.to).emit('call:notice', { callId: n.callId, kind: n.kind });
  }

  async pointer(p: Principal, socketId: string, m: CallPointerPayload): Promise<void> {
    if (p.kind !== 'agent') throw new AppError('forbidden', 'only agents point');
    const route = await this.route(p, socketId, m.callId, POINTER_ROUTE_MS);
    this.rt.customers.to(route.to).volatile.emit('call:pointer', m);
  }

  /** A socket left or took a call over: its remembered routes are stale. */
  forget(socketId: string): void {
    this.routes.delete(socketId);
  }
}
