import type { RoutingSettings } from '@warmdesk/protocol';
import { type AppContext, transaction } from '../../platform/context.js';
import { publishConversationChanged } from '../conversations/events.js';
import type { ConversationRow } from '../conversations/presenter.js';
import { isWithinBusinessHours, nextOpening } from '../inboxes/business-hours.js';
import { sendMessage } from '../messages/send-message.js';
import { OFFLINE_LABEL } from '../widget/leave-message.js';
import { QUEUE_KEY, WAITING } from './queue-sql.js';
import { recordDecision } from './record-decision.js';
import type { InboxRouting } from './settings.js';

/**
 * Where a conversation stood when it joined the queue, counted in the same statement. Others joining in the same
 * instant may be missed by each other's count; the queue's periodic update corrects that.
 */
export type JoinedPlace = { contactId: string; position: number; waiting: number; leftMessage: boolean };

export type Enqueued =
  | { state: 'queued'; inboxId: string; place: JoinedPlace }
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
  const opensAt = isWithinBusinessHours(inbox.hours) ? null : nextOpening(inbox.hours);
  const rules = inbox.routing.topicRules.length > 0 || inbox.routing.entryRules.length > 0;
  if (!opensAt && !rules) return join(ctx, inbox, conversationId, null);
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
  if (opensAt) return defer(ctx, inbox, c, opensAt);
  const pages = [c.context?.trail?.[0]?.url, c.context?.url].filter((p): p is string => typeof p === 'string');
  return join(ctx, inbox, conversationId, teamFromRules(inbox.routing, c.attributes?.topic, pages));
}

type JoinedRow = ConversationRow & {
  ahead: number;
  waiting: number;
  left_message: boolean;
  team_before: string | null;
};

/**
 * Queues the conversation (VIP from the contact; the team from the rules unless it has one) and counts its place,
 * in one statement. A conditional update: whoever queues it first wins; a second customer message finds it queued.
 */
async function join(
  ctx: AppContext,
  inbox: InboxRouting,
  conversationId: string,
  ruleTeam: string | null,
): Promise<Enqueued> {
  const key = (c: string) => QUEUE_KEY(c, inbox.routing.vipFirst);
  const { rows } = await ctx.db.pool.query<JoinedRow>(
    `WITH joined AS (
       UPDATE conversations c
          SET queued_at = now(), team_id = COALESCE(c.team_id, $2::uuid), updated_at = now(),
              vip = COALESCE((SELECT ct.attributes->'vip' = 'true'::jsonb FROM contacts ct WHERE ct.id = c.contact_id),
                             false)
        WHERE c.id = $1 AND ${ROUTABLE}
        -- A subquery in RETURNING reads the row as it was before this statement.
        RETURNING c.*, (SELECT old.team_id FROM conversations old WHERE old.id = c.id) AS team_before)
     SELECT joined.*, q.ahead, q.waiting, ($3 = ANY(joined.labels) OR joined.callback_phone IS NOT NULL) AS left_message
       FROM joined, LATERAL (
         -- Two counts an index answers without evaluating the order per row: everyone waiting, and the few behind
         -- this conversation (a newcomer usually goes last within its priority).
         SELECT all_waiting.n - behind.n AS ahead, all_waiting.n AS waiting
           FROM (SELECT count(*)::int AS n FROM conversations w
                  WHERE w.inbox_id = joined.inbox_id AND ${WAITING('w')}) all_waiting,
                (SELECT count(*)::int AS n FROM conversations w
                  WHERE w.inbox_id = joined.inbox_id AND ${WAITING('w')} AND ${key('w')} > ${key('joined')}) behind) q`,
    [conversationId, ruleTeam, OFFLINE_LABEL],
  );
  const row = rows[0];
  if (!row) return { state: 'none' };
  const { ahead, waiting, left_message, team_before, ...conversation } = row;
  if (conversation.team_id !== team_before) {
    publishConversationChanged(ctx.bus, { ...conversation, assignee_name: null }, ['team']);
  }
  // The count ran on the snapshot before this update: the conversation itself is not among those waiting yet.
  return {
    state: 'queued',
    inboxId: conversation.inbox_id,
    place: { contactId: conversation.contact_id, position: ahead + 1, waiting: waiting + 1, leftMessage: left_message },
  };
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
