import type { QueueUpdate } from '@warmdesk/protocol';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { type Realtime, rooms } from '../../platform/realtime/types.js';
import { onConversationChanged } from '../conversations/events.js';
import { onMessageCreated } from '../messages/events.js';
import type { WaitEstimator } from '../routing/estimate.js';
import type { RoutingSettingsCache } from '../routing/settings.js';
import { inboxQueue } from './queue-positions.js';

/** Server-side event between processes: an inbox's queue changed, refresh your customers' places. */
const QUEUE_CHANGED = 'queue:changed';

/** Queue updates per inbox go out at most this often, however busy the inbox is. */
const INTERVAL_MS = 1000;

type Told = { state: string; contactId: string; at: number; position: number | null };

/**
 * How often one customer hears that their place changed: every second near the front, less often far back
 * (at place 3,000 a new number every second tells nothing, and a surge's queue would cost thousands of pushes a
 * second). Offers, leaving the queue and the last update always go out at once.
 */
const intervalFor = (position: number | null) =>
  position === null || position <= 10 ? 0 : position <= 100 ? 3000 : 10_000;
const stateOf = (u: QueueUpdate) =>
  `${u.position}/${u.waiting}/${u.estimatedWaitSeconds}/${(u.offers ?? []).join()}/${u.leftMessage ?? false}`;

export type QueueFanOut = {
  /** Sends one customer their place right away (they just joined the queue), and remembers it. */
  tellNow: (inboxId: string, contactId: string, update: QueueUpdate) => void;
  schedule: (inboxId: string) => void;
};

/**
 * Tells waiting customers their place in the queue when it may have changed: a conversation of the inbox
 * changed (assigned, resolved, reopened) or a customer wrote. Coalesced per inbox: one query and one round of
 * events per interval, and only to customers whose place, wait or offers changed. With several processes each
 * tells the customers whose sockets it holds (no queue update crosses processes; a surge's long queue made
 * thousands a second), and a change on one process has the others refresh too.
 */
export function queueFanOut(
  rt: Realtime,
  ctx: AppContext,
  settings: RoutingSettingsCache,
  estimator: WaitEstimator,
): QueueFanOut {
  const due = new Map<string, ReturnType<typeof setTimeout>>();
  /** Per inbox, what each waiting conversation was last told. */
  const told = new Map<string, Map<string, Told>>();
  /** To the customer's sockets wherever they are (several processes: through the adapter). */
  const tellAnywhere = (inboxId: string, contactId: string, update: QueueUpdate) =>
    rt.customers.to(rooms.customer(contactId, inboxId)).emit('queue:update', update);
  /** To the customer's sockets on this process: every process refreshes the queue for its own sockets. */
  const tell = (inboxId: string, contactId: string, update: QueueUpdate) =>
    rt.customers.local.to(rooms.customer(contactId, inboxId)).emit('queue:update', update);

  const refresh = async (inboxId: string) => {
    const inbox = await settings.get(inboxId);
    if (!inbox) return;
    const queue = await inboxQueue(ctx.db.pool, inbox, await estimator.basis(inbox));
    const before = told.get(inboxId) ?? new Map<string, Told>();
    const now = new Map<string, Told>();
    const at = Date.now();
    let held = false;
    for (const { contactId, ...update } of queue) {
      const state = stateOf(update);
      const last = before.get(update.conversationId);
      const sameOffers = last?.state.split('/').slice(3).join('/') === state.split('/').slice(3).join('/');
      if (last && last.state !== state && sameOffers && at - last.at < intervalFor(last.position)) {
        now.set(update.conversationId, last);
        held = true;
        continue;
      }
      now.set(
        update.conversationId,
        last?.state === state ? last : { state, contactId, at, position: update.position },
      );
      if (last?.state !== state) tell(inboxId, contactId, update);
    }
    for (const [conversationId, { contactId }] of before)
      if (!now.has(conversationId))
        tell(inboxId, contactId, { conversationId, position: null, waiting: queue.length, estimatedWaitSeconds: null });
    if (now.size > 0) told.set(inboxId, now);
    else told.delete(inboxId);
    if (held) scheduleHere(inboxId);
  };

  /** Inboxes changed here since the other processes were last asked to refresh them. */
  const unannounced = new Set<string>();
  const announce = (inboxId: string) => {
    unannounced.delete(inboxId);
    if (rt.clustered) rt.customers.serverSideEmit(QUEUE_CHANGED, inboxId);
  };
  /** Whether a refresh was newly scheduled (false: one is already due). */
  const scheduleHere = (inboxId: string): boolean => {
    if (due.has(inboxId)) return false;
    const timer = setTimeout(() => {
      due.delete(inboxId);
      // Changes made here while this refresh was due: the others' refresh may have run before them.
      if (unannounced.has(inboxId)) announce(inboxId);
      refresh(inboxId).catch((err: unknown) => ctx.log.warn({ err }, 'queue update failed'));
    }, INTERVAL_MS);
    timer.unref();
    due.set(inboxId, timer);
    return true;
  };
  // The other processes refresh for their sockets too: asked at once, then at most once per interval and inbox.
  const schedule = (inboxId: string) => {
    if (scheduleHere(inboxId)) announce(inboxId);
    else unannounced.add(inboxId);
  };
  rt.customers.on(QUEUE_CHANGED, (inboxId: unknown) => {
    const parsed = z.uuid().safeParse(inboxId);
    if (parsed.success) scheduleHere(parsed.data);
  });

  onConversationChanged(ctx.bus, ({ conversation }) => schedule(conversation.inbox_id));
  onMessageCreated(ctx.bus, (_accountId, { message, customer }) => {
    if (message.sender.type === 'contact') schedule(customer.inboxId);
  });

  return {
    schedule,
    tellNow: (inboxId, contactId, update) => {
      // The request that queued the customer may have come through another process than their socket.
      tellAnywhere(inboxId, contactId, update);
      if (update.position === null) return;
      const known = told.get(inboxId) ?? new Map<string, Told>();
      known.set(update.conversationId, {
        state: stateOf(update),
        contactId,
        at: Date.now(),
        position: update.position,
      });
      told.set(inboxId, known);
      schedule(inboxId);
    },
  };
}
