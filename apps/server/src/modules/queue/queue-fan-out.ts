import type { QueueUpdate } from '@warmdesk/protocol';
import type { AppContext } from '../../platform/context.js';
import { type Realtime, rooms } from '../../platform/realtime/types.js';
import { onConversationChanged } from '../conversations/events.js';
import { onMessageCreated } from '../messages/events.js';
import { inboxQueue } from './queue-positions.js';

/** Queue updates per inbox go out at most this often, however busy the inbox is. */
const INTERVAL_MS = 1000;

/**
 * Tells waiting customers their place in the queue when it may have changed: a conversation of the inbox
 * changed (assigned, resolved, reopened) or a customer wrote (a new conversation starts waiting). Coalesced per
 * inbox: one query and one round of events per interval.
 */
export function queueFanOut(rt: Realtime, ctx: AppContext): void {
  const due = new Map<string, ReturnType<typeof setTimeout>>();
  /** Per inbox, what each waiting conversation was last told: only changes are sent. */
  const told = new Map<string, Map<string, { state: string; contactId: string }>>();
  const schedule = (accountId: string, inboxId: string) => {
    const key = `${accountId}:${inboxId}`;
    if (due.has(key)) return;
    const timer = setTimeout(() => {
      due.delete(key);
      inboxQueue(ctx.db.pool, accountId, inboxId)
        .then((queue) => {
          const before = told.get(key) ?? new Map<string, { state: string; contactId: string }>();
          const now = new Map<string, { state: string; contactId: string }>();
          const tell = (contactId: string, update: QueueUpdate) =>
            rt.customers.to(rooms.customer(contactId, inboxId)).emit('queue:update', update);
          for (const { contactId, ...update } of queue) {
            const state = `${update.position}/${update.waiting}`;
            now.set(update.conversationId, { state, contactId });
            if (before.get(update.conversationId)?.state !== state) tell(contactId, update);
          }
          for (const [conversationId, { contactId }] of before)
            if (!now.has(conversationId))
              tell(contactId, { conversationId, position: null, waiting: queue.length, estimatedWaitSeconds: null });
          if (now.size > 0) told.set(key, now);
          else told.delete(key);
        })
        .catch((err: unknown) => ctx.log.warn({ err }, 'queue update failed'));
    }, INTERVAL_MS);
    timer.unref();
    due.set(key, timer);
  };
  onConversationChanged(ctx.bus, ({ conversation }) => schedule(conversation.account_id, conversation.inbox_id));
  onMessageCreated(ctx.bus, (accountId, { message, customer }) => {
    if (message.sender.type === 'contact') schedule(accountId, customer.inboxId);
  });
}
