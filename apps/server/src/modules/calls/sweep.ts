import type { CallParty } from '@warmdesk/protocol';
import type { AppContext } from '../../platform/context.js';
import { dropAway, expireRinging } from './end-call.js';

/** Slack past a timer's time before the sweep steps in (the process that set it usually acts first). */
const SLACK_MS = 5000;

/**
 * Ends what timers would have ended on a process that stopped: calls ringing past the ring timeout, and sides away
 * past the rejoin window. Each end is the same conditional UPDATE a timer runs, so processes never conflict.
 */
export async function sweepStaleCalls(ctx: AppContext): Promise<number> {
  const { callRingTimeoutMs, callRejoinWindowMs } = ctx.config;
  const ringing = await ctx.db.pool.query<{ account_id: string; id: string; rung_at: Date }>(
    `SELECT account_id, id, rung_at FROM calls
      WHERE state = 'ringing' AND rung_at < now() - make_interval(secs => $1::float8 / 1000)`,
    [callRingTimeoutMs + SLACK_MS],
  );
  const away = await ctx.db.pool.query<{
    account_id: string;
    id: string;
    away_party: CallParty;
    customer_socket_id: string | null;
    agent_socket_id: string | null;
  }>(
    `SELECT account_id, id, away_party, customer_socket_id, agent_socket_id FROM calls
      WHERE state <> 'ended' AND away_since < now() - make_interval(secs => $1::float8 / 1000)`,
    [callRejoinWindowMs + SLACK_MS],
  );
  let ended = 0;
  for (const r of ringing.rows) if (await expireRinging(ctx, r.account_id, r.id, r.rung_at)) ended++;
  for (const r of away.rows) {
    const socketId = r.away_party === 'customer' ? r.customer_socket_id : r.agent_socket_id;
    if (socketId && (await dropAway(ctx, r.account_id, r.id, r.away_party, socketId))) ended++;
  }
  return ended;
}
