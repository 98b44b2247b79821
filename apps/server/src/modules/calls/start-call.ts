import type { CallStartPayload } from '@warmdesk/protocol';
import type { Principal } from '../../platform/auth/principal.js';
import { type AppContext, type Tx, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { handOffRequested } from '../bots/index.js';
import { CONVERSATION_CHANGED, emitConversationChanged } from '../conversations/events.js';
import { getConversation } from '../conversations/queries.js';
import { routingRequestedEvent } from '../routing/request-routing.js';
import { requeueFromAbsentAgentIn } from '../routing/requeue.js';
import { actorName, partyOf } from './party.js';
import type { CallRow } from './presenter.js';
import { findCall, findLiveCall } from './queries.js';
import { inboxCallSettings } from './settings.js';
import { callChanged } from './timeline.js';

/** The skill routing asks of agents for a customer's video call, when some team of the account has it. */
export const VIDEO_SKILL = 'video';

type Locked = {
  inbox_id: string;
  status: string;
  assignee_user_id: string | null;
  assignee_bot_id: string | null;
};

/**
 * `call:start`. An agent's call rings the customer. A customer's call rings the conversation's agent, or, when no
 * person has the conversation, waits in the routing queue (`queued`): the bot hands off if it held it, and a video
 * call asks for the `video` skill when a team has it. When the conversation's agent is gone (offline, turned away
 * after disconnecting, deactivated) and the inbox requeues such conversations, the call is queued for another agent
 * instead of ringing nobody. A resend of the same callId returns the call.
 */
export async function startCall(
  ctx: AppContext,
  p: Principal,
  socketId: string,
  payload: CallStartPayload,
): Promise<CallRow> {
  const { callId, conversationId, media } = payload;
  const party = partyOf(p);
  const resent = await findCall(ctx.db.pool, p.accountId, callId);
  if (resent) {
    if (resent.conversation_id !== conversationId)
      throw new AppError('conflict', 'this callId belongs to another call');
    return resent;
  }
  if (p.kind === 'customer') {
    const settings = await inboxCallSettings(ctx.db.pool, p.accountId, p.inboxId);
    if (!settings[media]) throw new AppError('forbidden', `this inbox does not take ${media} calls from customers`);
  }
  const by = await actorName(ctx.db.pool, p);
  let botHeld = false;
  const row = await transaction(ctx, async (tx) => {
    const c = await lockConversation(tx, p.accountId, conversationId);
    const live = await findLiveCall(tx.client, p.accountId, conversationId);
    if (live?.id === callId) return live;
    if (live) {
      throw new AppError('conflict', 'a call is already going on in this conversation', { callId: live.id });
    }
    let assignee = c.assignee_user_id;
    if (p.kind === 'customer') {
      await reopen(tx, p.accountId, conversationId, c.status);
      if (assignee && (await requeueFromAbsentAgentIn(ctx, tx, p.accountId, conversationId, assignee))) assignee = null;
    }
    const ringAgent = p.kind === 'agent' ? p.userId : assignee;
    const queued = ringAgent === null;
    botHeld = queued && c.assignee_bot_id !== null;
    if (queued && media === 'video') await requireVideoSkill(tx, p.accountId, conversationId);
    await tx.client.query(
      `INSERT INTO calls (id, account_id, conversation_id, inbox_id, initiator, media, state, agent_user_id,
                          customer_socket_id, agent_socket_id, rung_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $7 = 'ringing' THEN now() END)`,
      [
        callId,
        p.accountId,
        conversationId,
        c.inbox_id,
        party,
        media,
        queued ? 'queued' : 'ringing',
        ringAgent,
        party === 'customer' ? socketId : null,
        party === 'agent' ? socketId : null,
      ],
    );
    const inserted = await findCall(tx.client, p.accountId, callId);
    if (!inserted) throw new Error('call not stored');
    await callChanged(tx, inserted, { event: 'started', by });
    if (queued && !botHeld) {
      tx.publishAfterCommit(routingRequestedEvent(p.accountId, { inboxId: c.inbox_id, conversationId }));
    }
    return inserted;
  });
  // Its own transaction (the bot's): the hand-off reaches routing as `bot.handoff`, which queues the conversation.
  if (botHeld && !(await handOffRequested(ctx, conversationId))) {
    ctx.bus.publish([routingRequestedEvent(p.accountId, { inboxId: row.inbox_id, conversationId })]);
  }
  return row;
}

async function lockConversation(tx: Tx, accountId: string, conversationId: string): Promise<Locked> {
  const { rows } = await tx.client.query<Locked>(
    `SELECT inbox_id, status, assignee_user_id, assignee_bot_id FROM conversations
      WHERE account_id = $1 AND id = $2 FOR NO KEY UPDATE`,
    [accountId, conversationId],
  );
  const c = rows[0];
  if (!c) throw new AppError('not_found', 'conversation not found');
  if (c.status === 'closed') throw new AppError('conversation_closed', 'this conversation is closed; start a new one');
  return c;
}

/** A customer calling into a resolved or snoozed conversation reopens it, as a message from them would. */
async function reopen(tx: Tx, accountId: string, conversationId: string, status: string): Promise<void> {
  if (status !== 'resolved' && status !== 'snoozed') return;
  await tx.client.query(
    `UPDATE conversations SET status = 'open', snoozed_until = NULL, updated_at = now()
      WHERE account_id = $1 AND id = $2`,
    [accountId, conversationId],
  );
  const row = await getConversation(tx.client, accountId, conversationId);
  await emitConversationChanged(tx, CONVERSATION_CHANGED, row, ['status']);
}

/** Only agents of a team with the `video` skill take a customer's video call, if the account has such a team. */
async function requireVideoSkill(tx: Tx, accountId: string, conversationId: string): Promise<void> {
  await tx.client.query(
    `UPDATE conversations SET required_skill = $3
      WHERE account_id = $1 AND id = $2
        AND EXISTS (SELECT 1 FROM teams WHERE account_id = $1 AND $3 = ANY(skills))`,
    [accountId, conversationId, VIDEO_SKILL],
  );
}
