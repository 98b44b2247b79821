import type { RoutingSettings } from '@warmdesk/protocol';
import { type AppContext, transaction } from '../../platform/context.js';
import { publishConversationChanged } from '../conversations/events.js';
import type { ConversationRow } from '../conversations/presenter.js';
import { isWithinBusinessHours, nextOpening } from '../inboxes/business-hours.js';
import { sendMessage } from '../messages/send-message.js';
import { recordDecision } from './record-decision.js';
import type { InboxRouting } from './settings.js';

export type Enqueued =
  | { state: 'queued'; inboxId: string }
  | { state: 'deferred'; inboxId: string; opensAt: Date }
  | { state: 'none' };

/** Nobody has it, it is open, and it is neither queued nor waiting for opening time. */
const ROUTABLE = `c.status IN ('open', 'pending') AND c.assignee_user_id IS NULL AND c.assignee_bot_id IS NULL
  AND c.queued_at IS NULL AND c.deferred_until IS NULL`;

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
  const { rows } = await ctx.db.pool.query<Row>(
    `SELECT c.id, c.account_id, c.inbox_id, c.contact_id, c.team_id, ct.attributes, ci.context
       FROM conversations c
       JOIN contacts ct ON ct.id = c.contact_id
       LEFT JOIN contact_inboxes ci ON ci.id = c.contact_inbox_id
      WHERE c.id = $1 AND ${ROUTABLE}`,
    [conversationId],
  );
  const c = rows[0];
  if (!c) return { state: 'none' };
  const opensAt = isWithinBusinessHours(inbox.hours) ? null : nextOpening(inbox.hours);
  if (opensAt) return defer(ctx, inbox, c, opensAt);
  const pages = [c.context?.trail?.[0]?.url, c.context?.url].filter((p): p is string => typeof p === 'string');
  const team = c.team_id ?? teamFromRules(inbox.routing, c.attributes?.topic, pages);
  // One conditional statement: whoever queues it first wins; a second customer message finds it queued.
  const queued = await ctx.db.pool.query<ConversationRow>(
    `UPDATE conversations c SET queued_at = now(), vip = $2, team_id = $3, updated_at = now()
      WHERE c.id = $1 AND ${ROUTABLE} RETURNING c.*`,
    [c.id, c.attributes?.vip === true, team],
  );
  const row = queued.rows[0];
  if (!row) return { state: 'none' };
  if (team !== c.team_id) publishConversationChanged(ctx.bus, { ...row, assignee_name: null }, ['team']);
  return { state: 'queued', inboxId: c.inbox_id };
}

/** Outside business hours: the conversation waits for opening time, and the customer gets the auto-reply. */
async function defer(ctx: AppContext, inbox: InboxRouting, c: Row, opensAt: Date): Promise<Enqueued> {
  const deferred = await transaction(ctx, async (tx) => {
    const { rowCount } = await tx.client.query(
      `UPDATE conversations c SET deferred_until = $2, updated_at = now() WHERE c.id = $1 AND ${ROUTABLE}`,
      [c.id, opensAt],
    );
    if (!rowCount) return false;
    await recordDecision(tx, { accountId: c.account_id, conversationId: c.id, inboxId: c.inbox_id }, 'deferred', {
      reason: opensAt.toISOString(),
    });
    return true;
  });
  if (!deferred) return { state: 'none' };
  const zh = (c.context?.language ?? '').toLowerCase().startsWith('zh');
  await sendMessage(ctx, {
    accountId: inbox.accountId,
    conversationId: c.id,
    senderType: 'system',
    senderId: '',
    senderName: null,
    clientMsgId: null,
    kind: 'text',
    content: inbox.routing.offlineReply || DEFAULT_OFFLINE_REPLY[zh ? 'zh-CN' : 'en'],
    private: false,
  });
  return { state: 'deferred', inboxId: c.inbox_id, opensAt };
}
