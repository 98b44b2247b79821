import { z } from 'zod';
import { zId, zPriority, zTimestamp } from './common.js';
import { limits } from './limits.js';
import { ROUTING_DEFAULTS } from './routing-defaults.js';

/*
 * Routing and queues (docs/api.md, "Routing"): per-inbox policy stored in `inboxes.config.routing`, the agents'
 * queue view, the customer's queue actions and the routing report.
 */

/**
 * How an inbox hands waiting conversations to agents. `manual`: agents pick from the queue; `round_robin`: the
 * available agent assigned longest ago; `least_load`: the agent with the lowest open load relative to capacity
 * (ties: assigned longest ago).
 */
export const zRoutingPolicy = z.enum(['manual', 'round_robin', 'least_load']);
export type RoutingPolicy = z.infer<typeof zRoutingPolicy>;

const zShortText = z.string().trim().max(500);

/** Sends a conversation to a team (its members only) when the pre-chat topic equals `topic`. */
export const zTopicRule = z.object({ topic: zShortText.min(1), teamId: zId });
/** Sends a conversation to a team when the customer's entry page URL contains `urlContains`. */
export const zEntryRule = z.object({ urlContains: z.string().trim().min(1).max(200), teamId: zId });

export const zOverflowSettings = z.object({
  enabled: z.boolean().default(false),
  /** Overflow when more conversations than this are waiting (null: no length limit). */
  maxQueueLength: z.number().int().min(1).max(100_000).nullable().default(null),
  /** Overflow when the estimated wait passes this many seconds (null: no wait limit). */
  maxWaitSeconds: z.number().int().min(1).max(86_400).nullable().default(null),
  /** What the waiting customer is offered on overflow. */
  offerMessage: z.boolean().default(true),
  offerCallback: z.boolean().default(false),
  /** Offer the inbox's bot meanwhile (when the account's knowledge base has entries); the customer keeps their place. */
  offerBot: z.boolean().default(false),
  /** Also let this team's members take conversations that overflow (null: no spill). */
  spillTeamId: zId.nullable().default(null),
});
export type OverflowSettings = z.infer<typeof zOverflowSettings>;

export const zRoutingSettings = z.object({
  policy: zRoutingPolicy.default('least_load'),
  /** A returning customer goes to the agent of their last conversation when that agent is available. */
  sticky: z.boolean().default(true),
  /** VIP contacts (attribute `vip` true) go ahead of others of the same priority. */
  vipFirst: z.boolean().default(true),
  /** Teams whose members serve this inbox; empty: every agent of the account. */
  teamIds: z.array(zId).max(50).default([]),
  topicRules: z.array(zTopicRule).max(50).default([]),
  entryRules: z.array(zEntryRule).max(50).default([]),
  /** At most this many open conversations per agent from this inbox (null: only the agent's own capacity). */
  agentCapacity: z.number().int().min(1).max(1000).nullable().default(null),
  /** When an assigned agent goes offline (or stays disconnected past the grace period): keep or requeue. */
  onAgentOffline: z.enum(['keep', 'requeue']).default('requeue'),
  /** Sent to a customer who writes outside business hours; empty: a default text in the customer's language. */
  offlineReply: zShortText.default(''),
  overflow: zOverflowSettings.default(ROUTING_DEFAULTS.overflow),
});
export type RoutingSettings = z.infer<typeof zRoutingSettings>;

/** What a waiting customer may choose instead of waiting (overflow). */
export const zQueueOffer = z.enum(['message', 'callback', 'bot']);
export type QueueOffer = z.infer<typeof zQueueOffer>;

/** Every kind of routing decision; each is a timeline activity and an `events` row `routing.<decision>`. */
export const zRoutingDecision = z.enum([
  'assigned',
  'queued',
  'requeued',
  'deferred',
  'reopened_hours',
  'overflow',
  'spilled',
  'abandoned',
  'callback',
  'picked',
  'bot_assist',
]);
export type RoutingDecision = z.infer<typeof zRoutingDecision>;

/** One waiting conversation as agents and supervisors see the queue. */
export const zQueueEntry = z.object({
  conversationId: zId,
  displayId: z.number().int(),
  inboxId: zId,
  inboxName: z.string(),
  /** The inbox's channel type (web_widget, api, ...). */
  channel: z.string(),
  contact: z.object({ id: zId, name: z.string().nullable(), email: z.string().nullable(), vip: z.boolean() }),
  priority: zPriority,
  teamId: zId.nullable(),
  /** 1-based place in its inbox's queue; null while deferred to opening time. */
  position: z.number().int().min(1).nullable(),
  queuedAt: zTimestamp.nullable(),
  /** Outside business hours: when it enters the queue. */
  deferredUntil: zTimestamp.nullable(),
  topic: z.string().nullable(),
  page: z.object({ url: z.string(), title: z.string().nullable() }).nullable(),
  lastMessage: z.string().nullable(),
  /** The customer chose to leave a message or asked for a callback: no need to answer live. */
  leftMessage: z.boolean(),
  callbackPhone: z.string().nullable(),
});
export type QueueEntry = z.infer<typeof zQueueEntry>;
export const zQueueQuery = z.object({ inboxId: zId.optional() });
export const zQueueList = z.object({ items: z.array(zQueueEntry), estimatedWaitSeconds: z.number().nullable() });
export type QueueList = z.infer<typeof zQueueList>;

export const zAssignBody = z.object({ userId: zId.optional() });

/** An agent as routing sees them: availability, load and capacity. */
export const zRoutingAgent = z.object({
  id: zId,
  name: z.string(),
  status: z.enum(['online', 'busy', 'away', 'offline']),
  /** Has a workspace open now (on any server process). */
  connected: z.boolean(),
  /** Open or pending conversations assigned now. */
  load: z.number().int(),
  capacity: z.number().int(),
  lastAssignedAt: zTimestamp.nullable(),
});
export type RoutingAgent = z.infer<typeof zRoutingAgent>;

export const zRoutingReportQuery = z.object({
  from: zTimestamp.optional(),
  to: zTimestamp.optional(),
  inboxId: zId.optional(),
});
export const zRoutingReport = z.object({
  from: zTimestamp,
  to: zTimestamp,
  decisions: z.record(z.string(), z.number().int()),
  /** Mean and 90th percentile of queue wait (queued to assigned), seconds; null without assignments. */
  averageWaitSeconds: z.number().nullable(),
  p90WaitSeconds: z.number().nullable(),
  /** Per agent: conversations assigned by routing or picked. */
  perAgent: z.array(z.object({ userId: zId, name: z.string(), assigned: z.number().int() })),
});
export type RoutingReport = z.infer<typeof zRoutingReport>;

/** The customer leaves the queue: `abandon` closes the request; `message` keeps it for a later reply. */
export const zLeaveQueueBody = z.object({ mode: z.enum(['abandon', 'message']).default('abandon') });
export const zCallbackBody = z.object({
  phone: z
    .string()
    .trim()
    .min(3)
    .max(50)
    .regex(/^[+\d][\d\s()-]*$/, 'a phone number'),
  note: z.string().trim().max(limits.nameMaxChars).optional(),
});
