import type { AppContext } from '../../platform/context.js';
import type { CallRow } from './presenter.js';
import { findLiveCall } from './queries.js';
import { transitionCall } from './timeline.js';

/**
 * The conversation of a queued call got a person (routing assigned it, an agent picked it, a supervisor assigned
 * it): the call now rings them. Whichever process made the assignment does this; the UPDATE is conditional.
 */
export async function ringAssignee(
  ctx: AppContext,
  accountId: string,
  conversationId: string,
  userId: string,
): Promise<CallRow | undefined> {
  const live = await findLiveCall(ctx.db.pool, accountId, conversationId);
  if (live?.state !== 'queued') return undefined;
  return transitionCall(
    ctx,
    { accountId, callId: live.id },
    { set: `state = 'ringing', agent_user_id = $3, rung_at = now()`, where: `state = 'queued'`, params: [userId] },
  );
}
