import type { CallEndReason, CallParty, CallState } from '@warmdesk/protocol';
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext, Tx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { ConversationAccess } from '../conversations/access.js';
import { actorName, isInCall, visibleCall } from './party.js';
import type { CallRow } from './presenter.js';
import { END_SET, findCall } from './queries.js';
import { VIDEO_SKILL } from './start-call.js';
import { endEvent, transitionCall } from './timeline.js';

/** A customer's call no longer needs a video agent once it is over. */
async function releaseSkill(tx: Tx, row: CallRow): Promise<void> {
  if (row.initiator !== 'customer') return;
  await tx.client.query(
    'UPDATE conversations SET required_skill = NULL WHERE account_id = $1 AND id = $2 AND required_skill = $3',
    [row.account_id, row.conversation_id, VIDEO_SKILL],
  );
}

/**
 * Ends the call if it is still in `from` (and `where`, SQL with parameters from $5): one conditional UPDATE with
 * its timeline event. Undefined when it had moved on.
 */
export function endCall(
  ctx: AppContext,
  row: Pick<CallRow, 'account_id' | 'id'>,
  reason: CallEndReason,
  by: string | null,
  from: readonly CallState[],
  where = 'true',
  params: unknown[] = [],
): Promise<CallRow | undefined> {
  return transitionCall(
    ctx,
    { accountId: row.account_id, callId: row.id },
    { set: END_SET('$3'), where: `state = ANY($4::text[]) AND ${where}`, params: [reason, from, ...params] },
    () => ({ event: endEvent(reason), by: reason === 'missed' || reason === 'dropped' ? null : by }),
    releaseSkill,
  );
}

/** The call as it is now, after a conditional change found it moved on. */
async function current(ctx: AppContext, row: CallRow): Promise<CallRow> {
  const now = await findCall(ctx.db.pool, row.account_id, row.id);
  if (!now) throw new AppError('not_found', 'call not found');
  return now;
}

/** `call:decline`: the callee says no to a call ringing them. */
export async function declineCall(
  ctx: AppContext,
  access: ConversationAccess,
  p: Principal,
  callId: string,
): Promise<CallRow> {
  const { row, party } = await visibleCall(ctx.db.pool, access, p, callId);
  if (row.initiator === party) throw new AppError('conflict', 'you started this call; hang up to cancel it');
  if (row.state !== 'ringing') throw new AppError('conflict', `the call is ${row.state}, not ringing`);
  if (!isInCall(row, p)) throw new AppError('forbidden', 'this call is ringing another agent');
  const ended = await endCall(ctx, row, 'declined', await actorName(ctx.db.pool, p), ['ringing']);
  if (ended) return ended;
  throw new AppError('conflict', `the call is ${(await current(ctx, row)).state}, not ringing`);
}

/**
 * `call:hangup` by either side: an answered call is completed; one still ringing or queued is cancelled by its
 * caller (or declined by the callee). Hanging up a call that is over returns it.
 */
export async function hangUpCall(
  ctx: AppContext,
  access: ConversationAccess,
  p: Principal,
  callId: string,
): Promise<CallRow> {
  const { row, party } = await visibleCall(ctx.db.pool, access, p, callId);
  if (row.state === 'ended') return row;
  if (!isInCall(row, p)) throw new AppError('forbidden', 'you are not in this call');
  const reason: CallEndReason =
    row.state === 'active' ? 'completed' : row.initiator === party ? 'cancelled' : 'declined';
  const ended = await endCall(ctx, row, reason, await actorName(ctx.db.pool, p), [row.state]);
  if (ended) return ended;
  const now = await current(ctx, row);
  if (now.state === 'ended') return now;
  throw new AppError('conflict', 'the call changed at the same moment; hang up again');
}

/** The ring timer ran out: a call still ringing since `rungAt` is missed. */
export function expireRinging(ctx: AppContext, accountId: string, callId: string, rungAt: Date) {
  // Timestamps come back with millisecond precision; the column keeps microseconds.
  const rungThen = 'abs(extract(epoch FROM rung_at - $5::timestamptz)) < 0.002';
  return endCall(ctx, { account_id: accountId, id: callId }, 'missed', null, ['ringing'], rungThen, [rungAt]);
}

/**
 * A side's socket went away and did not rejoin in time (the socket id is unchanged): an answered call is dropped,
 * one still ringing or queued is cancelled (only its caller has a socket in it then).
 */
export async function dropAway(
  ctx: AppContext,
  accountId: string,
  callId: string,
  party: CallParty,
  socketId: string,
): Promise<CallRow | undefined> {
  const column = party === 'customer' ? 'customer_socket_id' : 'agent_socket_id';
  const call = { account_id: accountId, id: callId };
  const guard = `away_party = $5 AND ${column} = $6`;
  return (
    (await endCall(ctx, call, 'dropped', null, ['active'], guard, [party, socketId])) ??
    (await endCall(ctx, call, 'cancelled', null, ['ringing', 'queued'], guard, [party, socketId]))
  );
}
