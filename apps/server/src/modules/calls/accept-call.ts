import type { CallAcceptPayload } from '@warmdesk/protocol';
import type { AgentPrincipal, Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { ConversationAccess } from '../conversations/access.js';
import { pickConversation } from '../routing/pick-conversation.js';
import { actorName, visibleCall } from './party.js';
import type { CallRow } from './presenter.js';
import { findCall } from './queries.js';
import { transitionCall } from './timeline.js';

/**
 * `call:accept` by the callee: one conditional UPDATE, so of two tabs or two agents only one answers. The
 * accepting socket becomes its side's socket in the call. An agent may answer a queued call: they take the
 * conversation first, as picking it from the queue (capacity checked).
 */
export async function acceptCall(
  ctx: AppContext,
  access: ConversationAccess,
  p: Principal,
  socketId: string,
  payload: CallAcceptPayload,
): Promise<CallRow> {
  const { row, party } = await visibleCall(ctx.db.pool, access, p, payload.callId);
  if (row.initiator === party) throw new AppError('conflict', 'you started this call; the other side answers it');
  if (row.state === 'active' || row.state === 'ended') {
    throw new AppError('conflict', row.state === 'active' ? 'the call was already answered' : 'the call is over');
  }
  const by = await actorName(ctx.db.pool, p);
  const media = payload.media ?? null;
  const ref = { accountId: row.account_id, callId: row.id };
  const accepted = { event: 'accepted' as const, by };
  let answered: CallRow | undefined;
  if (p.kind === 'customer') {
    answered = await transitionCall(
      ctx,
      ref,
      {
        set: `state = 'active', answered_at = now(), customer_socket_id = $3, media = COALESCE($4, media)`,
        where: `state = 'ringing'`,
        params: [socketId, media],
      },
      () => accepted,
    );
  } else {
    if (row.state === 'ringing' && row.agent_user_id !== p.userId) {
      throw new AppError('forbidden', 'this call is ringing another agent');
    }
    if (row.state === 'queued') await takeConversation(ctx, p, row);
    answered = await transitionCall(
      ctx,
      ref,
      {
        set: `state = 'active', answered_at = now(), rung_at = COALESCE(rung_at, now()), agent_user_id = $3,
              agent_socket_id = $4, media = COALESCE($5, media)`,
        where: `(state = 'queued' OR (state = 'ringing' AND agent_user_id = $3))`,
        params: [p.userId, socketId, media],
      },
      () => accepted,
    );
  }
  if (answered) return answered;
  const now = await findCall(ctx.db.pool, row.account_id, row.id);
  throw new AppError('conflict', now?.state === 'ended' ? 'the call is over' : 'the call was already answered');
}

/** The agent answering a queued call takes its conversation, unless it is theirs already. */
async function takeConversation(ctx: AppContext, p: AgentPrincipal, row: CallRow): Promise<void> {
  if (row.assignee_user_id === p.userId) return;
  await pickConversation(ctx, p, row.conversation_id, p.userId);
}
