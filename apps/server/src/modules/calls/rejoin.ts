import type { CallParty } from '@warmdesk/protocol';
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { Realtime } from '../../platform/realtime/types.js';
import type { ConversationAccess } from '../conversations/access.js';
import { dropAway } from './end-call.js';
import { isInCall, partyOf } from './party.js';
import { type CallRow, otherParty, socketOf } from './presenter.js';
import { findCall, findLiveCall, liveCallsOfSocket, updateCall } from './queries.js';
import type { KeyedTimers } from './timers.js';

const socketColumn = (party: CallParty) => (party === 'customer' ? 'customer_socket_id' : 'agent_socket_id');
export const awayKey = (callId: string, party: CallParty) => `away:${callId}:${party}`;

/** Tells the other side's socket in the call that this side went away or came back. */
function tellPeer(rt: Realtime, row: CallRow, party: CallParty, kind: 'away' | 'rejoined'): void {
  const to = socketOf(row, otherParty(party));
  if (!to) return;
  (party === 'agent' ? rt.customers : rt.agents).to(to).emit('call:peer', { callId: row.id, from: party, kind });
}

/**
 * A socket disconnected: in each live call it was a side of, that side is away. The other side hears `away`; if
 * no `call:rejoin` replaces the socket within the window, the call ends (dropped, or cancelled before an answer).
 */
export async function socketLeft(ctx: AppContext, rt: Realtime, timers: KeyedTimers, socketId: string): Promise<void> {
  for (const row of await liveCallsOfSocket(ctx.db.pool, socketId)) {
    const party: CallParty = row.customer_socket_id === socketId ? 'customer' : 'agent';
    const away = await updateCall(ctx.db.pool, row.account_id, row.id, {
      set: 'away_since = now(), away_party = $3',
      where: `state <> 'ended' AND ${socketColumn(party)} = $4`,
      params: [party, socketId],
    });
    if (!away) continue;
    if (away.state === 'active') tellPeer(rt, away, party, 'away');
    timers.set(awayKey(row.id, party), ctx.config.callRejoinWindowMs, () =>
      dropAway(ctx, row.account_id, row.id, party, socketId),
    );
  }
}

/**
 * `call:rejoin` after a reload or reconnect: the conversation's live call, with this socket in place of the side's
 * old one. The other side hears `rejoined` (it restarts ICE; this side answers with a fresh peer connection).
 * Null when there is no live call the principal is a side of.
 */
export async function rejoinCall(
  ctx: AppContext,
  rt: Realtime,
  access: ConversationAccess,
  timers: KeyedTimers,
  p: Principal,
  socketId: string,
  conversationId: string,
): Promise<CallRow | null> {
  await access.assert(p, conversationId);
  const live = await findLiveCall(ctx.db.pool, p.accountId, conversationId);
  if (!live || !isInCall(live, p)) return null;
  const party = partyOf(p);
  // The callee of a call still ringing has no socket in it yet: it only needs to see the call again.
  if (socketOf(live, party) === null) return live;
  const column = socketColumn(party);
  const rejoined = await updateCall(ctx.db.pool, p.accountId, live.id, {
    set: `${column} = $3,
          away_since = CASE WHEN away_party = $4 THEN NULL ELSE away_since END,
          away_party = CASE WHEN away_party = $4 THEN NULL ELSE away_party END`,
    where: `state <> 'ended' AND ${column} IS NOT NULL`,
    params: [socketId, party],
  });
  if (!rejoined) {
    const now = await findCall(ctx.db.pool, p.accountId, live.id);
    return now && now.state !== 'ended' ? now : null;
  }
  timers.clear(awayKey(live.id, party));
  if (rejoined.state === 'active') tellPeer(rt, rejoined, party, 'rejoined');
  return rejoined;
}
