import { z } from 'zod';
import { BOT_DEFAULTS } from './bot-defaults.js';
import { zId, zTimestamp } from './common.js';

/*
 * Knowledge-base bot (docs/api.md, "Bot"): the account's knowledge base, an inbox's bot settings
 * (`inboxes.config.bot`), the test console, the unanswered-question clusters and the customer's feedback.
 */

const hasNoNul = (s: string) => !s.includes('\u0000');
const zText = (max: number) => z.string().trim().max(max).refine(hasNoNul, 'text must not contain U+0000');
const zHttpUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const zKbQuestion = zText(500).pipe(z.string().min(1, 'a question is empty'));
export const zKbTag = zText(50).pipe(z.string().min(1));

/** A product card shown with an answer (and, later, in live rooms). */
export const zProductCard = z.object({
  title: zText(200).pipe(z.string().min(1)),
  price: zText(50).default(''),
  imageUrl: zHttpUrl.nullable().default(null),
  url: zHttpUrl.nullable().default(null),
});
export type ProductCard = z.infer<typeof zProductCard>;

/** An answer: text (markdown subset: **bold**, links, line breaks) with optional images and product cards. */
export const zKbAnswer = z.object({
  text: zText(4000).pipe(z.string().min(1, 'the answer is empty')),
  images: z
    .array(z.object({ url: zHttpUrl, alt: zText(200).default('') }))
    .max(6)
    .default([]),
  cards: z.array(zProductCard).max(6).default([]),
});
export type KbAnswer = z.infer<typeof zKbAnswer>;

export const zKbEntryBody = z.object({
  /** Question variants; the first is the entry's title. */
  questions: z.array(zKbQuestion).min(1).max(100),
  answer: zKbAnswer,
  tags: z.array(zKbTag).max(20).default([]),
  enabled: z.boolean().default(true),
  /** Answering this entry also hands the conversation to a human (e.g. "I want a refund"). */
  handoff: z.boolean().default(false),
});
export type KbEntryBody = z.infer<typeof zKbEntryBody>;
export const zKbEntryPatch = zKbEntryBody.partial();

export const zKbEntry = zKbEntryBody.extend({
  id: zId,
  /** Times the bot answered with this entry. */
  hits: z.number().int(),
  /** Customers' answers to "was this helpful?". */
  helpful: z.number().int(),
  unhelpful: z.number().int(),
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
});
export type KbEntry = z.infer<typeof zKbEntry>;

export const zKbListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  tag: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const zKbList = z.object({ entries: z.array(zKbEntry), total: z.number().int() });

/** Import: CSV or TSV with header `id, question, answer, tags, enabled` (rows with the same id are variants). */
export const zKbImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
});

/** Product words for the Chinese tokenizer (per account), e.g. 花呗, 借呗. */
export const zBotDictionary = z.object({ words: z.array(zText(50).pipe(z.string().min(1))).max(5000) });

/** How sure the bot is: answer; unsure (offer "did you mean"); hand off (out of scope or too unsure). */
export const zMatchLevel = z.enum(['answer', 'suggest', 'handoff']);
export type MatchLevel = z.infer<typeof zMatchLevel>;

export const zKbTestBody = z.object({ text: zText(1000).pipe(z.string().min(1)) });
export const zKbTestResult = z.object({
  level: zMatchLevel,
  /** Calibrated confidence of the best candidate, 0..1. */
  score: z.number(),
  candidates: z.array(z.object({ entryId: zId, question: z.string(), score: z.number() })),
  handoffRequested: z.boolean(),
  angry: z.boolean(),
  angerScore: z.number(),
  /** `bm25` or the embedding model's version when the semantic rerank is loaded. */
  model: z.string(),
});
export type KbTestResult = z.infer<typeof zKbTestResult>;

/** Why the bot handed a conversation to humans. */
export const zHandoffReason = z.enum(['requested', 'low_confidence', 'misses', 'angry', 'entry']);
export type HandoffReason = z.infer<typeof zHandoffReason>;

/** Questions the bot could not answer (handed off or unsure), grouped by similarity (问题集中度分析). */
export const zUnansweredQuestion = z.object({
  id: zId,
  text: z.string(),
  score: z.number(),
  conversationId: zId.nullable(),
  createdAt: zTimestamp,
});
export const zUnansweredCluster = z.object({
  /** The most central question of the cluster. */
  label: z.string(),
  size: z.number().int(),
  questions: z.array(zUnansweredQuestion),
  /** The nearest existing entry, a suggestion for "add as a variant". */
  nearestEntryId: zId.nullable(),
});
export const zUnansweredList = z.object({ clusters: z.array(zUnansweredCluster), total: z.number().int() });
export const zUnansweredQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(30) });
/** Turns questions into variants of an entry, or a new entry, or dismisses them; they leave the list. */
export const zUnansweredResolveBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('add_variant'), questionIds: z.array(zId).min(1).max(500), entryId: zId }),
  z.object({ action: z.literal('new_entry'), questionIds: z.array(zId).min(1).max(500), entry: zKbEntryBody }),
  z.object({ action: z.literal('dismiss'), questionIds: z.array(zId).min(1).max(500) }),
]);

/** An inbox's bot (`inboxes.config.bot`). */
export const zBotSettings = z.object({
  /** The bot answers first; humans get the conversation on hand-off. */
  enabled: z.boolean().default(BOT_DEFAULTS.enabled),
  name: zText(50).default(BOT_DEFAULTS.name),
  /** Sent when a conversation starts; empty: a default text in the customer's language. */
  greeting: zText(1000).default(BOT_DEFAULTS.greeting),
  /** Words that ask for a human (matched as whole message or phrase, case-insensitive). */
  handoffKeywords: z
    .array(zText(30).pipe(z.string().min(1)))
    .max(50)
    .default([...BOT_DEFAULTS.handoffKeywords]),
  /** Hand off after this many misses in a row (no answer, or "not helpful"). */
  maxMisses: z.number().int().min(1).max(10).default(BOT_DEFAULTS.maxMisses),
  handoffOnAnger: z.boolean().default(BOT_DEFAULTS.handoffOnAnger),
  askHelpful: z.boolean().default(BOT_DEFAULTS.askHelpful),
});
export type BotSettings = z.infer<typeof zBotSettings>;

/** The customer answers "was this helpful?" under a bot answer. */
export const zBotFeedbackBody = z.object({ messageId: zId, helpful: z.boolean() });

/**
 * Attachments on bot messages (`attachments[0]`), so clients can render buttons; the message content alone is
 * readable too (suggestions are also listed as numbered text).
 */
export const zBotAttachment = z.discriminatedUnion('type', [
  z.object({
    action: z.literal('bot'),
    type: z.literal('answer'),
    entryId: zId,
    score: z.number(),
    askHelpful: z.boolean(),
    images: zKbAnswer.shape.images,
    cards: zKbAnswer.shape.cards,
  }),
  z.object({
    action: z.literal('bot'),
    type: z.literal('suggest'),
    options: z.array(z.object({ entryId: zId, question: z.string() })),
  }),
  z.object({ action: z.literal('bot'), type: z.literal('handoff'), reason: zHandoffReason }),
  z.object({ action: z.literal('bot'), type: z.literal('greeting') }),
]);
export type BotAttachment = z.infer<typeof zBotAttachment>;

/** `GET /kb/export`: the file format (both UTF-8, one row per question variant). */
export const zKbExportQuery = z.object({ format: z.enum(['csv', 'tsv']).default('csv') });

/** What `POST /kb/unanswered/resolve` did: questions that left the list, and the entry they went to (none when dismissed). */
export const zUnansweredResolveResult = z.object({ resolved: z.number().int(), entry: zKbEntry.nullable() });
