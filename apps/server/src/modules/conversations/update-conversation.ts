import type { ConversationStatus, Priority } from '@warmdesk/protocol';
import type { AgentPrincipal } from '../../platform/auth/principal.js';
import { type AppContext, type Tx, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { messageCreatedEvent } from '../messages/events.js';
import { insertMessage } from '../messages/insert-message.js';
import { presentMessage } from '../messages/presenter.js';
import { notifyAssignee } from '../notifications/notify-assignee.js';
import { CONVERSATION_CHANGED, emitConversationChanged } from './events.js';
import type { ConversationRow } from './presenter.js';
import { conversationSelect, getConversation } from './queries.js';
import { assertTransition } from './transitions.js';

export type ConversationPatch = {
  status?: ConversationStatus;
  snoozedUntil?: string | null;
  assigneeId?: string | null;
  teamId?: string | null;
  priority?: Priority;
  labels?: string[];
  /** With an assignee or team change: a private note to the new owner, kept in the timeline. */
  note?: string;
};

type Activity = { action: string; from: unknown; to: unknown };

/** Applies a patch under a row lock; each change is an event and a private activity message in the timeline. */
export async function updateConversation(
  ctx: AppContext,
  actor: AgentPrincipal,
  id: string,
  patch: ConversationPatch,
): Promise<ConversationRow> {
  if (patch.note !== undefined && patch.assigneeId === undefined && patch.teamId === undefined) {
    throw new AppError('validation_failed', 'a note goes with an assignee or team change');
  }
  return transaction(ctx, async (tx) => {
    const { rows } = await tx.client.query<ConversationRow>(
      'SELECT * FROM conversations WHERE account_id = $1 AND id = $2 FOR NO KEY UPDATE',
      [actor.accountId, id],
    );
    const current = rows[0];
    if (!current) throw new AppError('not_found', 'conversation not found');
    const sets: string[] = [];
    const params: unknown[] = [];
    const activities: Activity[] = [];
    const set = (column: string, value: unknown, activity?: Activity) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
      if (activity) activities.push(activity);
    };

    if (patch.status !== undefined && patch.status !== current.status) {
      assertTransition(current.status, patch.status);
      set('status', patch.status, { action: 'status', from: current.status, to: patch.status });
      if (patch.status === 'snoozed') {
        const until = patch.snoozedUntil ? new Date(patch.snoozedUntil) : null;
        if (!until || until.getTime() <= Date.now()) {
          throw new AppError('validation_failed', 'snoozing needs snoozedUntil in the future');
        }
        set('snoozed_until', until);
      } else {
        set('snoozed_until', null);
      }
      if (patch.status === 'resolved' || patch.status === 'closed') {
        set('waiting_since', null);
        set('queued_at', null);
        set('deferred_until', null);
        set('resolved_at', new Date());
      }
    }
    if (patch.assigneeId !== undefined && patch.assigneeId !== current.assignee_user_id) {
      if (patch.assigneeId) await assertActiveUser(tx, actor.accountId, patch.assigneeId);
      set('assignee_user_id', patch.assigneeId, {
        action: 'assignee',
        from: current.assignee_user_id,
        to: patch.assigneeId,
      });
      set('assignee_bot_id', null);
      if (patch.assigneeId) {
        set('queued_at', null);
        set('deferred_until', null);
        set('assigned_at', new Date());
      } else if (['open', 'pending'].includes(patch.status ?? current.status)) {
        // Unassigned while open: back in the queue, by when the customer began waiting.
        set('queued_at', current.waiting_since ?? new Date());
        set('assigned_at', null);
      }
    }
    if (patch.teamId !== undefined && patch.teamId !== current.team_id) {
      if (patch.teamId) await assertTeam(tx, actor.accountId, patch.teamId);
      set('team_id', patch.teamId, { action: 'team', from: current.team_id, to: patch.teamId });
    }
    if (patch.priority !== undefined && patch.priority !== current.priority) {
      set('priority', patch.priority, { action: 'priority', from: current.priority, to: patch.priority });
    }
    if (patch.labels !== undefined) {
      const labels = [...new Set(patch.labels)].sort();
      if (labels.join('\n') !== [...current.labels].sort().join('\n')) {
        set('labels', labels, { action: 'labels', from: current.labels, to: labels });
      }
    }
    const assignee = patch.assigneeId !== undefined ? patch.assigneeId : current.assignee_user_id;
    // Activities (and the transfer note) first: once the row says closed, the timeline takes no more messages.
    for (const a of activities) await recordActivity(tx, actor, id, a);
    if (patch.note !== undefined) await recordTransferNote(tx, actor, id, patch.note, assignee);
    if (sets.length === 0) return getConversation(tx.client, actor.accountId, id);

    params.push(actor.accountId, id);
    const changed = await tx.client.query<ConversationRow>(
      `WITH changed AS (
         UPDATE conversations SET ${sets.join(', ')}, updated_at = now()
          WHERE account_id = $${params.length - 1} AND id = $${params.length} RETURNING *)
       ${conversationSelect('changed')}`,
      params,
    );
    const updated = changed.rows[0];
    if (!updated) throw new AppError('not_found', 'conversation not found');
    await emitConversationChanged(
      tx,
      CONVERSATION_CHANGED,
      updated,
      activities.map((a) => a.action),
    );
    if (patch.assigneeId && patch.assigneeId !== current.assignee_user_id && patch.assigneeId !== actor.userId) {
      await notifyAssignee(tx, {
        accountId: actor.accountId,
        conversationId: id,
        actorUserId: actor.userId,
        assigneeId: patch.assigneeId,
        note: patch.note,
      });
    }
    return updated;
  });
}

async function recordActivity(tx: Tx, actor: AgentPrincipal, conversationId: string, a: Activity) {
  const inserted = await insertMessage(tx.client, {
    accountId: actor.accountId,
    conversationId,
    senderType: 'system',
    senderId: '',
    clientMsgId: null,
    kind: 'event',
    content: `${actor.name}: ${a.action} ${JSON.stringify(a.from)} -> ${JSON.stringify(a.to)}`,
    private: true,
    attachments: [{ type: 'activity', by: actor.userId, ...a }],
  });
  tx.publishAfterCommit(
    messageCreatedEvent(actor.accountId, {
      message: presentMessage(inserted.row, null),
      customer: inserted.customer,
      assigneeUserId: inserted.assigneeUserId,
    }),
  );
}

async function recordTransferNote(
  tx: Tx,
  actor: AgentPrincipal,
  conversationId: string,
  note: string,
  assigneeUserId: string | null,
) {
  const inserted = await insertMessage(tx.client, {
    accountId: actor.accountId,
    conversationId,
    senderType: 'user',
    senderId: actor.userId,
    clientMsgId: null,
    kind: 'note',
    content: note,
    private: true,
  });
  tx.publishAfterCommit(
    messageCreatedEvent(actor.accountId, {
      message: presentMessage(inserted.row, actor.name),
      customer: inserted.customer,
      assigneeUserId,
    }),
  );
}

/** Also locks the user's row: routing counts an agent's load under that lock, so it sees this assignment. */
async function assertActiveUser(tx: Tx, accountId: string, userId: string) {
  const { rowCount } = await tx.client.query(
    'SELECT 1 FROM users WHERE account_id = $1 AND id = $2 AND active FOR NO KEY UPDATE',
    [accountId, userId],
  );
  if (!rowCount) throw new AppError('not_found', 'assignee is not an active user of this account');
}

async function assertTeam(tx: Tx, accountId: string, teamId: string) {
  const { rowCount } = await tx.client.query('SELECT 1 FROM teams WHERE account_id = $1 AND id = $2', [
    accountId,
    teamId,
  ]);
  if (!rowCount) throw new AppError('not_found', 'team not found');
}
