import type { Message } from '@warmdesk/protocol';
import type { AppContext } from '../../platform/context.js';
import type { Realtime } from '../../platform/realtime/types.js';
import { botFirst, onBotHandoff } from '../bots/index.js';
import { onConversationChanged } from '../conversations/events.js';
import { onMessageCreated } from '../messages/events.js';
import { queueFanOut } from '../queue/queue-fan-out.js';
import { onUserAvailability } from '../users/events.js';
import { AgentGrace } from './agent-grace.js';
import { enqueueConversation } from './enqueue.js';
import { WaitEstimator } from './estimate.js';
import { afterQueued, joinedPlace, tellJoined, tellPlace } from './overflow.js';
import { PresenceStore } from './presence-store.js';
import { releaseDeferred } from './release-deferred.js';
import { onRoutingRequested } from './request-routing.js';
import { requeueAgentConversations, requeueFromAbsentAgent } from './requeue.js';
import { Router } from './router.js';

const SWEEP_MS = 2000;
/** A new arrival not assigned within this long is told their place while routing continues. */
const FIRST_ANSWER_MS = 250;
const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
const HEARTBEAT_MS = 10_000;

/** Changes that can free an agent's place or make a waiting conversation routable to someone else. */
const FREEING = new Set(['status', 'assignee', 'team', 'priority']);

/**
 * Routing in this process: queues customers who write to nobody, assigns them as agents become available, keeps
 * agent presence in the shared table, and sweeps every two seconds for what other processes or the clock changed.
 */
export function routingSocket(rt: Realtime, ctx: AppContext): void {
  const router = new Router(ctx);
  const presence = new PresenceStore(ctx.db.pool);
  const estimator = new WaitEstimator(ctx.db.pool);
  const fanOut = queueFanOut(rt, ctx, router.settings, estimator);
  const warn = (what: string) => (err: unknown) => ctx.log.warn({ err }, what);

  const requeue = async (accountId: string, userId: string, reason: 'offline' | 'disconnected' | 'deactivated') => {
    const inboxes = await requeueAgentConversations(ctx, accountId, userId, reason);
    await Promise.all(inboxes.map((id) => router.kick(id)));
  };
  const grace = new AgentGrace(ctx, presence, (accountId, userId) => requeue(accountId, userId, 'disconnected'));

  const customerWrote = async (inboxId: string, conversationId: string, message?: Message) => {
    const inbox = await router.settings.get(inboxId);
    if (!inbox) return;
    // A bot-first inbox's bot takes the conversation before it would queue; it comes back as `bot.handoff`.
    if (message && (await botFirst(ctx, { accountId: inbox.accountId, inboxId, message }))) return;
    const result = await enqueueConversation(ctx, inbox, conversationId);
    if (result.state === 'none') return;
    if (result.state === 'deferred') {
      await tellPlace(ctx, inbox, estimator, conversationId, fanOut);
      return;
    }
    // A full inbox needs no round for a new arrival: they hear the place their queueing counted at once.
    // Otherwise the round usually assigns them; when it takes longer (a surge), they hear their place first.
    const place = await joinedPlace(inbox, estimator, conversationId, result.place);
    const full = router.isFull(inboxId);
    const routed = full ? Promise.resolve() : router.kick(inboxId);
    const slow = full || (await Promise.race([routed.then(() => false), delay(FIRST_ANSWER_MS).then(() => true)]));
    if (slow) tellJoined(fanOut, inbox.id, place);
    await routed;
    await afterQueued(ctx, inbox, estimator, conversationId, fanOut, () => router.kick(inboxId), slow ? place : null);
  };

  onMessageCreated(ctx.bus, (accountId, { message, customer, assigneeUserId }) => {
    if (message.sender.type !== 'contact' || message.private) return;
    const queue = assigneeUserId
      ? requeueFromAbsentAgent(ctx, accountId, message.conversationId, assigneeUserId).then((back) =>
          back ? customerWrote(customer.inboxId, message.conversationId) : undefined,
        )
      : customerWrote(customer.inboxId, message.conversationId, message);
    queue.catch(warn('queueing a conversation failed'));
  });
  onBotHandoff(ctx.bus, (_accountId, { inboxId, conversationId }) => {
    customerWrote(inboxId, conversationId).catch(warn('queueing a handed-off conversation failed'));
  });
  onRoutingRequested(ctx.bus, (_accountId, { inboxId, conversationId }) => {
    customerWrote(inboxId, conversationId).catch(warn('queueing a requested conversation failed'));
  });
  onConversationChanged(ctx.bus, ({ conversation, changes }) => {
    if (changes.some((c) => FREEING.has(c))) router.kickAccount(conversation.account_id);
  });
  onUserAvailability(ctx.bus, (accountId, { userId, status, active }) => {
    if (!active || status === 'offline') {
      requeue(accountId, userId, active ? 'offline' : 'deactivated').catch(warn('requeueing failed'));
    } else if (status === 'online') router.kickAccount(accountId);
  });

  rt.agents.on('connection', (socket) => {
    const p = socket.data.principal;
    if (p.kind !== 'agent' || p.via !== 'session') return;
    grace.cancel(p.userId);
    presence
      .connected(p.accountId, p.userId)
      .then(() => router.kickAccount(p.accountId))
      .catch(warn('agent presence failed'));
    socket.on('disconnect', () => {
      rt.track(
        presence
          .disconnected(p.userId)
          .then(() => {
            if (!ctx.presence.connectedUsers(p.accountId).includes(p.userId)) grace.start(p.accountId, p.userId);
          })
          .catch(warn('agent presence failed')),
      );
    });
  });

  let closing = false;
  const sweep = setInterval(() => {
    releaseDeferred(ctx)
      .then(async (released) => {
        if (closing) return;
        const waiting = await router.waitingInboxes();
        await Promise.all([...new Set([...released, ...waiting])].map((id) => router.kick(id)));
        for (const id of released) fanOut.schedule(id);
      })
      .catch((err: unknown) => {
        // A sweep still running when the process closes finds the pool ended: not worth a warning.
        if (!closing) warn('routing sweep failed')(err);
      });
  }, SWEEP_MS);
  const heartbeat = setInterval(() => presence.heartbeat().catch(warn('presence heartbeat failed')), HEARTBEAT_MS);
  sweep.unref();
  heartbeat.unref();

  // Stop this process's timers and presence rows before the database closes.
  const close = rt.close;
  rt.close = async () => {
    closing = true;
    clearInterval(sweep);
    clearInterval(heartbeat);
    grace.stop();
    router.stop();
    await presence.close().catch(() => undefined);
    await close();
  };
}
