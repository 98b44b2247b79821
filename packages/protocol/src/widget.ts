import { z } from 'zod';
import { zBusinessHours } from './business-hours.js';
import { zAttributes, zId, zMessageContent } from './common.js';
import { limits } from './limits.js';
import { zLiveNow } from './live.js';

/*
 * The web widget's contracts: inbox settings (stored in `inboxes.config.widget`), the public config the loader
 * and the widget app read, identity verification, page context, attachments, ratings and offline messages.
 */

const zShortText = z.string().trim().max(500);
const zHexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1f6feb');
export const zLocale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof zLocale>;

/** A site allowed to embed the widget: an origin such as `https://shop.example.com` or `http://localhost:8080`. */
export const zAllowedOrigin = z
  .string()
  .max(200)
  .regex(/^https?:\/\/[a-zA-Z0-9.-]+(:\d{1,5})?$/, 'an origin like https://shop.example.com (no path)');

export const zPreChatField = z.object({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _')
    .max(40),
  type: z.enum(['name', 'email', 'phone', 'topic', 'text']),
  label: zShortText.min(1),
  required: z.boolean().default(false),
  /** Choices of a `topic` field (department or subject), shown as a list. */
  options: z.array(zShortText.min(1)).max(20).optional(),
});
export type PreChatField = z.infer<typeof zPreChatField>;

export const zProactiveRule = z.object({
  /** Shown when the page URL contains this text (empty: every page). */
  urlContains: z.string().max(200).default(''),
  /** Seconds on the page before the greeting opens the widget. */
  afterSeconds: z.number().int().min(0).max(3600).default(0),
  /** Only for visitors who came back (an earlier visit in this browser). */
  returningOnly: z.boolean().default(false),
  message: zShortText.min(1),
});
export type ProactiveRule = z.infer<typeof zProactiveRule>;

export const zWidgetSettings = z.object({
  color: zHexColor.default('#1f6feb'),
  position: z.enum(['right', 'left']).default('right'),
  title: zShortText.default(''),
  greeting: zShortText.default(''),
  logoUrl: z.url().max(500).nullable().default(null),
  /** `auto` follows the customer's browser. */
  locale: z.enum(['auto', 'zh-CN', 'en']).default('auto'),
  /** Empty: every site may embed the widget. */
  allowedOrigins: z.array(zAllowedOrigin).max(50).default([]),
  preChat: z
    .object({ enabled: z.boolean().default(false), fields: z.array(zPreChatField).max(10).default([]) })
    .default({ enabled: false, fields: [] }),
  proactive: z.array(zProactiveRule).max(10).default([]),
  /** Outside them the widget offers to leave a message. */
  businessHours: zBusinessHours.default({ enabled: false, timezone: 'UTC', weekly: {}, holidays: [] }),
  /** Ask for a rating when a conversation is resolved. */
  csat: z.boolean().default(true),
  sound: z.boolean().default(true),
});
export type WidgetSettings = z.infer<typeof zWidgetSettings>;

/** What the loader and the widget app read before any session exists (`GET /api/v1/widget/config`). */
export const zWidgetConfig = z.object({
  inboxName: z.string(),
  settings: zWidgetSettings.omit({ allowedOrigins: true }),
  /** Some agent is online now; otherwise the widget offers to leave a message. */
  agentsOnline: z.boolean(),
  /** Within the inbox's business hours now (always true when it has none). */
  open: z.boolean(),
  /** The inbox's bot answers first, at any hour: the widget offers chat even with no agent online. */
  botFirst: z.boolean(),
  /** Which calls the customer may start (inbox `config.calls`). */
  calls: z.object({ voice: z.boolean(), video: z.boolean() }),
  /** Largest upload the server takes, in bytes, and the accepted types. */
  upload: z.object({ maxBytes: z.number().int(), contentTypes: z.array(z.string()) }),
  /** Live rooms linked to this inbox that are live now: the widget shows a "live now" banner. */
  liveNow: z.array(zLiveNow).optional(),
});
export type WidgetConfig = z.infer<typeof zWidgetConfig>;
export const zWidgetConfigQuery = z.object({ inboxKey: z.string().min(8).max(100) });

/**
 * Identity from the site's backend. `hmac` = hex HMAC-SHA256 of `userId` keyed with the inbox's secret.
 * With a valid hmac the identity is verified (the contact is found again on any device); without one the
 * fields are kept as unverified attributes only.
 */
export const zIdentifyBody = z.object({
  userId: z.string().trim().min(1).max(200),
  name: z.string().trim().max(limits.nameMaxChars).optional(),
  email: z.email().max(200).optional(),
  phone: z.string().trim().max(50).optional(),
  hmac: z
    .string()
    .regex(/^[0-9a-f]{64}$/i)
    .optional(),
});
export type IdentifyBody = z.infer<typeof zIdentifyBody>;
export const zIdentifyResult = z.object({
  verified: z.boolean(),
  contactId: zId,
  /** The contact changed (it was merged into the verified one): reconnect to receive its conversations. */
  switched: z.boolean(),
});
export type IdentifyResult = z.infer<typeof zIdentifyResult>;

export const zSetAttributesBody = z.object({ attributes: zAttributes });

export const zPageView = z.object({
  url: z.string().max(2000),
  title: z.string().max(500).default(''),
  at: z.string().max(40),
});
export type PageView = z.infer<typeof zPageView>;

/** The customer's browser session as the widget sees it; agents see it next to the conversation. */
export const zPageContext = z.object({
  url: z.string().max(2000),
  title: z.string().max(500).default(''),
  referrer: z.string().max(2000).default(''),
  utm: z.partialRecord(z.enum(['source', 'medium', 'campaign', 'term', 'content']), z.string().max(200)).default({}),
  userAgent: z.string().max(500).default(''),
  language: z.string().max(35).default(''),
  timezone: z.string().max(64).default(''),
  /** Pages of this browser session, oldest first (the last 20). */
  trail: z.array(zPageView).max(20).default([]),
});
export type PageContext = z.infer<typeof zPageContext>;

export const zTrackBody = z.object({
  event: z.string().trim().min(1).max(100),
  props: zAttributes.default({}),
});

/** A file in a message's `attachments`. `url` is relative to the server and needs the caller's credential. */
export const zAttachmentRef = z.object({
  id: zId,
  fileName: z.string(),
  contentType: z.string(),
  byteSize: z.number().int(),
  url: z.string(),
});
export type AttachmentRef = z.infer<typeof zAttachmentRef>;

export const zCsatBody = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).optional(),
});
export const zCsat = z.object({
  conversationId: zId,
  score: z.number().int(),
  comment: z.string().nullable(),
  createdAt: z.string(),
});
export type Csat = z.infer<typeof zCsat>;

/** Leaving a message when nobody is available: kept as a conversation the team picks up later. */
export const zLeaveMessageBody = z
  .object({
    content: zMessageContent,
    name: z.string().trim().max(limits.nameMaxChars).optional(),
    email: z.email().max(200).optional(),
    phone: z.string().trim().max(50).optional(),
  })
  .refine((b) => Boolean(b.email || b.phone), { message: 'an email or a phone number to reach you', path: ['email'] });

/** What the customer tells about themselves (pre-chat form): fills the contact's empty fields, unverified. */
export const zProfileBody = z.object({
  name: z.string().trim().min(1).max(limits.nameMaxChars).optional(),
  email: z.email().max(200).optional(),
  phone: z.string().trim().min(1).max(50).optional(),
});
export type ProfileBody = z.infer<typeof zProfileBody>;
