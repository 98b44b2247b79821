import type { Conversation, Message, MessagePage, WidgetSession } from '@warmdesk/protocol';
import { isRecord, WarmdeskError } from './errors.js';

/**
 * Light shape checks for what the server sends: enough to keep the SDK's own logic (ids and seqs) safe without
 * rejecting fields or enum values a newer server may add.
 */

const isSeq = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export function isMessage(v: unknown): v is Message {
  return isRecord(v) && typeof v.id === 'string' && typeof v.conversationId === 'string' && isSeq(v.seq);
}

export function isConversation(v: unknown): v is Conversation {
  return isRecord(v) && typeof v.id === 'string' && typeof v.status === 'string' && isSeq(v.lastSeq);
}

export function isWidgetSession(v: unknown): v is WidgetSession {
  return (
    isRecord(v) &&
    typeof v.sessionToken === 'string' &&
    v.sessionToken.length > 0 &&
    typeof v.contactId === 'string' &&
    typeof v.inboxId === 'string' &&
    typeof v.accountId === 'string'
  );
}

export function isMessagePage(v: unknown): v is MessagePage {
  return (
    isRecord(v) &&
    Array.isArray(v.messages) &&
    v.messages.every(isMessage) &&
    isSeq(v.lastSeq) &&
    typeof v.hasMore === 'boolean'
  );
}

/** Returns `value` as a T or throws a `protocol` error naming what was expected. */
export function parseAs<T>(value: unknown, guard: (v: unknown) => v is T, what: string): T {
  if (!guard(value)) throw new WarmdeskError('protocol', `unexpected server response: expected ${what}`);
  return value;
}
