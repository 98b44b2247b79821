import type { RoutingSettings } from '@warmdesk/protocol';
import { type AppContext, transaction } from '../../platform/context.js';
import { CONVERSATION_CHANGED, emitConversationChanged } from '../conversations/events.js';
import { getConversation } from '../conversations/queries.js';
import { isWithinBusinessHours, nextOpening } from '../inboxes/business-hours.js';
import { sendMessage } from '../messages/send-message.js';
import { recordDecision } from './record-decision.js';
import type { InboxRouting } from './settings.js';

export type Enqueued =
  | { state: 'queued'; inboxId: string }
  | { state: 'deferred'; inboxId: string; opensAt: Date }
  | { state: 'none' };

type Row = {
  id: string;
  account_id: string;
  inbox_id: string;
  contact_id: string;
  team_id: string | null;
  attributes: Record<string, unknown> | null;
  context: { url?: string; trail?: { url?: string }[]; language?: string } | null;
};

/** The team a topic or entry-page rule sends the conversation to, if any. */
export function teamFromRules(routing: RoutingSettings, topic: unknown, pages: readonly string[]): string | null {
  if (typeof topic === 'string') {
    const rule = routing.topicRules.find((r) => r.topic === topic);
    if (rule) return rule.teamId;
  }
  const entry = routing.entryRules.find((r) => pages.some((p) => p.includes(r.urlContains)));
  return entry?.teamId ?? null;
}

const DEFAULT_OFFLINE_REPLY = {
  'zh-CN': '您好，我们现在不在服务时间。您的留言已收到，我们开始营业后会第一时间回复您。',
  en: "Thanks for your message. We're closed right now; we'll answer as soon as we open.",
};

/**
 * A customer wrote in a conversation nobody has: put it in the queue (with its team from the topic or entry
 * page, and its VIP flag), or, outside business hours, defer it to opening time with an auto-reply.
 */
export async function enqueueConversation(
  ctx: AppContext,
  inbox: InboxRouting,
  conversationId: string,
): Promise<Enqueued> {
  const deferred = await transaction(ctx, async (tx): Promise<Enqueued & { reply?: string }> => {
    const { rows } = await tx.client.query<Row>(
      `SELECT c.id, c.account_id, c.inbox_id, c.contact_id, c.team_id, ct.attributes, ci.context
         FROM conversations c
         JOIN contacts ct ON ct.id = c.contact_id
         LEFT JOIN contact_inboxes ci ON ci.id = c.contact_inbox_id
        WHERE c.id = $1 AND c.status IN ('open', 'pending') AND c.assignee_user_id IS NULL
          AND c.assignee_bot_id IS NULL AND c.queued_at IS NULL AND c.deferred_until IS NULL
          FOR UPDATE OF c`,
      [conversationId],
    );
    const c = rows[0];
    if (!c) return { state: 'none' };
    const ref = { accountId: c.account_id, conversationId: c.id, inboxId: c.inbox_id };
    const opensAt = isWithinBusinessHours(inbox.hours) ? null : nextOpening(inbox.hours);
    if (opensAt) {
      await tx.client.query('UPDATE conversations SET deferred_until = $2, updated_at = now() WHERE id = $1', [
        c.id,
        opensAt,
      ]);
      await recordDecision(tx, ref, 'deferred', { reason: opensAt.toISOString() });
      const zh = (c.context?.language ?? '').toLowerCase().startsWith('zh');
      return {
        state: 'deferred',
        inboxId: c.inbox_id,
        opensAt,
        reply: inbox.routing.offlineReply || DEFAULT_OFFLINE_REPLY[zh ? 'zh-CN' : 'en'],
      };
    }
    const pages = [c.context?.trail?.[0]?.url, c.context?.url].filter((p): p is string => typeof p === 'string');
    const team = c.team_id ?? teamFromRules(inbox.routing, c.attributes?.topic, pages);
    await tx.client.query(
      'UPDATE conversations SET queued_at = now(), vip = $2, team_id = $3, updated_at = now() WHERE id = $1',
      [c.id, c.attributes?.vip === true, team],
    );
    if (team !== c.team_id) {
      const row = await getConversation(tx.client, c.account_id, c.id);
      await emitConversationChanged(tx, CONVERSATION_CHANGED, row, ['team']);
    }
    return { state: 'queued', inboxId: c.inbox_id };
  });
  if (deferred.state === 'deferred' && deferred.reply) {
    await sendMessage(ctx, {
      accountId: inbox.accountId,
      conversationId,
      senderType: 'system',
      senderId: '',
      senderName: null,
      clientMsgId: null,
      kind: 'text',
      content: deferred.reply,
      private: false,
    });
  }
  const { reply: _reply, ...result } = deferred as Enqueued & { reply?: string };
  return result;
}
