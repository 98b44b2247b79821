import type { CallActivity, CallEndReason } from '@warmdesk/protocol';
import { type AppContext, type Tx, transaction } from '../../platform/context.js';
import { messageCreatedEvent } from '../messages/events.js';
import { insertMessages } from '../messages/insert-message.js';
import { presentMessage } from '../messages/presenter.js';
import { callActivityText } from './activity-text.js';
import { callChangedEvent } from './events.js';
import type { CallRow } from './presenter.js';
import { updateCall } from './queries.js';

export type CallEvent = CallActivity['event'];
export type Activity = { event: CallEvent; by: string | null; private?: boolean };

/** The timeline event of a call that ended for this reason. */
export const endEvent = (reason: CallEndReason): CallEvent =>
  reason === 'missed' || reason === 'declined' || reason === 'cancelled' ? reason : 'ended';

async function accountLanguage(tx: Tx, accountId: string): Promise<'zh-CN' | 'en'> {
  const { rows } = await tx.client.query<{ locale: string }>('SELECT locale FROM accounts WHERE id = $1', [accountId]);
  return rows[0]?.locale === 'en' ? 'en' : 'zh-CN';
}

/**
 * A call event in the conversation's timeline (a system `event` message whose attachment is the activity,
 * published after commit like any message) and an `events` row `call.<event>` for reports, in the caller's
 * transaction.
 */
export async function recordCallEvent(tx: Tx, row: CallRow, activity: Activity): Promise<void> {
  const over = row.state === 'ended';
  const line: CallActivity = {
    type: 'activity',
    action: 'call',
    callId: row.id,
    event: activity.event,
    media: row.media,
    initiator: row.initiator,
    by: activity.by,
    ...(over ? { durationSeconds: row.duration_seconds, endReason: row.end_reason } : {}),
    ...(over && row.answered_at ? { quality: { customer: row.quality_customer, agent: row.quality_agent } } : {}),
  };
  const [inserted] = await insertMessages(tx.client, [
    {
      accountId: row.account_id,
      conversationId: row.conversation_id,
      senderType: 'system',
      senderId: '',
      clientMsgId: null,
      kind: 'event',
      content: callActivityText(line, await accountLanguage(tx, row.account_id)),
      private: activity.private ?? false,
      attachments: [line],
    },
  ]);
  if (inserted) {
    tx.publishAfterCommit(
      messageCreatedEvent(row.account_id, {
        message: presentMessage(inserted.row, null),
        customer: inserted.customer,
        assigneeUserId: inserted.assigneeUserId,
      }),
    );
  }
  await tx.emit({
    accountId: row.account_id,
    type: `call.${activity.event}`,
    payload: { ...line, conversationId: row.conversation_id, inboxId: row.inbox_id, agentUserId: row.agent_user_id },
  });
}

/** Records the change: the timeline event (if any) and `call:updated` for both sides after commit. */
export async function callChanged(tx: Tx, row: CallRow, activity?: Activity): Promise<void> {
  if (activity) await recordCallEvent(tx, row, activity);
  tx.publishAfterCommit(callChangedEvent(row));
}

/**
 * A state change as one conditional UPDATE in its own transaction, with its timeline event. Undefined when the
 * condition no longer held: nothing changed.
 */
export function transitionCall(
  ctx: AppContext,
  ref: { accountId: string; callId: string },
  change: { set: string; where: string; params?: unknown[] },
  activity?: (row: CallRow) => Activity | undefined,
  also?: (tx: Tx, row: CallRow) => Promise<void>,
): Promise<CallRow | undefined> {
  return transaction(ctx, async (tx) => {
    const row = await updateCall(tx.client, ref.accountId, ref.callId, change);
    if (!row) return undefined;
    await also?.(tx, row);
    await callChanged(tx, row, activity?.(row));
    return row;
  });
}
