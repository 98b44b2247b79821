export type {
  BotAttachment,
  Conversation,
  ConversationStatus,
  Csat,
  IdentifyResult,
  Message,
  MessagePage,
  PageContext,
  QueueUpdate,
  ReadEvent,
  TypingEvent,
  WidgetConfig,
  WidgetSession,
} from '@warmdesk/protocol';
export { createUuidV7, type UuidV7Options, uuidv7 } from '@warmdesk/protocol/uuid';
export type { BotFeedbackBody } from './bot-feedback.js';
export { createClient, WarmdeskClient } from './client.js';
export type { Listener } from './emitter.js';
export { type SdkErrorCode, WarmdeskError } from './errors.js';
export type { FetchLike } from './http.js';
export type { OutboxEntry } from './outbox.js';
export { Sequencer, type SequencerOptions } from './sequencer.js';
export { defaultStorage, memoryStorage, type StorageLike } from './storage.js';
export type {
  AttributeValue,
  CallEmitEvent,
  CallEmitPayload,
  CallEmitResult,
  CallRelayEvent,
  ClientEvents,
  ClientOptions,
  ClientState,
  HistoryOptions,
  Identity,
  LeaveMessage,
  Profile,
  Transport,
  UploadOptions,
} from './types.js';
