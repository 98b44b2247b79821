import { botTexts, handoffKeywordFor } from '@warmdesk/bot';
import type { Message } from '@warmdesk/protocol';
import type { CustomerPrincipal } from '../../platform/auth/principal.js';
import { type AppContext, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { CONVERSATION_CHANGED, emitConversationChanged, onConversationChanged } from '../conversations/events.js';
import { getConversation } from '../conversations/queries.js';
import { onMessageCreated } from '../messages/events.js';
import { messagePage } from '../messages/queries.js';
import { recordDecision } from '../routing/record-decision.js';
import { routingSettingsOf } from '../routing/settings.js';
import { botIdOf, findBotConversation } from './bot-conversation.js';
import { say, voiceOf } from './bot-reply.js';
import { botService } from './service.js';
import { botFirst } from './take-turn.js';

/**
 * Overflow "ask the bot while you wait": the inbox's bot helps a customer waiting in the queue. The conversation
 * keeps its place (`queued_at` stays); the bot answers until the customer asks for a person (they are still
 * queued), or routing gives the conversation to an agent, which ends the bot's part.
 */
export async function botAssistWhileQueued(
  ctx: AppContext,
  c: CustomerPrincipal,
  conversationId: string,
): Promise<void> {
  const taken = await transaction(ctx, async (tx) => {
    const { rows } = await tx.client.query<{
      status: string;
      assignee_user_id: string | null;
      assignee_bot_id: string | null;
      queued_at: Date | null;
      config: unknown;
      bot_ready: boolean;
    }>(
      `SELECT c.status, c.assignee_user_id, c.assignee_bot_id, c.queued_at, i.config,
              EXISTS (SELECT 1 FROM kb_entries k WHERE k.account_id = c.account_id AND k.enabled) AS bot_ready
         FROM conversations c JOIN inboxes i ON i.id = c.inbox_id
        WHERE c.id = $1 AND c.account_id = $2 AND c.contact_id = $3 AND c.inbox_id = $4
        FOR NO KEY UPDATE OF c`,
      [conversationId, c.accountId, c.contactId, c.inboxId],
    );
    const row = rows[0];
    if (!row) throw new AppError('not_found', 'conversation not found');
    if (row.assignee_bot_id && !row.assignee_user_id) return false;
    if (!['open', 'pending'].includes(row.status) || row.assignee_user_id || !row.queued_at) {
      throw new AppError('conflict', 'this conversation is not waiting in the queue');
    }
    if (!routingSettingsOf(row.config).overflow.offerBot || !row.bot_ready) {
      throw new AppError('conflict', 'this inbox does not offer its bot while waiting');
    }
    await tx.client.query('UPDATE conversations SET assignee_bot_id = $2, updated_at = now() WHERE id = $1', [
      conversationId,
      botIdOf(c.inboxId),
    ]);
    // A conversation the bot handed off earlier gets its help again, from a clean slate.
    await tx.client.query(
      `INSERT INTO bot_conversations (conversation_id, account_id, inbox_id, greeted) VALUES ($1, $2, $3, true)
       ON CONFLICT (conversation_id) DO UPDATE
         SET handed_off_at = NULL, handoff_reason = NULL, misses = 0, options = '[]', greeted = true, updated_at = now()`,
      [conversationId, c.accountId, c.inboxId],
    );
    await recordDecision(tx, { accountId: c.accountId, conversationId, inboxId: c.inboxId }, 'bot_assist', {
      waitMs: Date.now() - row.queued_at.getTime(),
    });
    const updated = await getConversation(tx.client, c.accountId, conversationId);
    await emitConversationChanged(tx, CONVERSATION_CHANGED, updated, ['assignee']);
    return true;
  });
  if (!taken) return;
  ctx.metrics.routingDecisions.inc({ decision: 'bot_assist' });
  const service = botService(ctx);
  service.settings.forget(c.inboxId);
  const [inbox, conv, last] = await Promise.all([
    service.settings.get(c.inboxId),
    findBotConversation(ctx.db.pool, conversationId),
    lastCustomerMessage(ctx, c.accountId, conversationId),
  ]);
  if (!inbox || !conv) return;
  const voice = voiceOf(inbox.settings, conv, last?.content ?? '');
  await say(
    ctx,
    conv,
    voice,
    botTexts(voice.language).assistWhileQueued(handoffKeywordFor(voice.language, inbox.settings.handoffKeywords)),
    { action: 'bot', type: 'greeting' },
  );
  // The question they have been waiting with gets its answer now.
  if (last) await botFirst(ctx, { accountId: c.accountId, inboxId: c.inboxId, message: last });
}

async function lastCustomerMessage(ctx: AppContext, accountId: string, conversationId: string) {
  const { rows } = await ctx.db.pool.query<{ seq: string }>(
    `SELECT seq FROM messages WHERE conversation_id = $1 AND sender_type = 'contact' AND NOT private
      ORDER BY seq DESC LIMIT 1`,
    [conversationId],
  );
  const seq = rows[0] ? Number(rows[0].seq) : null;
  if (seq === null) return undefined;
  const page = await messagePage(ctx.db.pool, {
    accountId,
    conversationId,
    afterSeq: seq - 1,
    limit: 1,
    includePrivate: false,
  });
  return page.messages.find((m: Message) => m.seq === seq);
}

/**
 * The bot steps back when a person takes over: an agent writes to the customer in a conversation the bot holds
 * (the agent gets it), or the conversation is assigned to an agent (routing, a colleague). Its part ends there;
 * the transcript stays in the timeline.
 */
export function botStepsBackForPeople(ctx: AppContext): void {
  const warn = (err: unknown) => ctx.log.warn({ err }, 'bot: stepping back failed');
  onMessageCreated(ctx.bus, (accountId, { message, assigneeUserId }) => {
    // A conversation with a person assigned is not the bot's: no transaction for every agent reply.
    if (message.sender.type !== 'user' || message.private || !message.sender.id || assigneeUserId) return;
    agentTakesOver(ctx, accountId, message.conversationId, message.sender.id).catch(warn);
  });
  onConversationChanged(ctx.bus, ({ conversation, changes }) => {
    if (!changes.includes('assignee') || !conversation.assignee_user_id) return;
    ctx.db.pool
      .query(
        `UPDATE bot_conversations SET handed_off_at = now(), handoff_reason = 'agent', options = '[]', updated_at = now()
          WHERE conversation_id = $1 AND handed_off_at IS NULL`,
        [conversation.id],
      )
      .catch(warn);
  });
}

async function agentTakesOver(ctx: AppContext, accountId: string, conversationId: string, userId: string) {
  await transaction(ctx, async (tx) => {
    const { rowCount } = await tx.client.query(
      `UPDATE conversations SET assignee_user_id = $3, assignee_bot_id = NULL, queued_at = NULL,
              assigned_at = now(), updated_at = now()
        WHERE id = $1 AND account_id = $2 AND assignee_bot_id IS NOT NULL AND assignee_user_id IS NULL`,
      [conversationId, accountId, userId],
    );
    if (!rowCount) return;
    await tx.client.query(
      `UPDATE bot_conversations SET handed_off_at = now(), handoff_reason = 'agent', options = '[]', updated_at = now()
        WHERE conversation_id = $1 AND handed_off_at IS NULL`,
      [conversationId],
    );
    const updated = await getConversation(tx.client, accountId, conversationId);
    await emitConversationChanged(tx, CONVERSATION_CHANGED, updated, ['assignee']);
  });
}
