import type { Message } from '@warmdesk/protocol';
import type { DomainEvent, EventBus } from '../../platform/events.js';

export const MESSAGE_CREATED = 'message.created';

/** The customer side of a conversation: its contact in its inbox (the customer's socket room). */
export type CustomerScope = { contactId: string; inboxId: string };

export type MessageCreated = { message: Message; customer: CustomerScope; assigneeUserId: string | null };

export const messageCreatedEvent = (accountId: string, payload: MessageCreated): DomainEvent => ({
  accountId,
  type: MESSAGE_CREATED,
  payload,
});

export function publishMessageCreated(bus: EventBus, accountId: string, payload: MessageCreated): void {
  bus.publish([messageCreatedEvent(accountId, payload)]);
}

export function onMessageCreated(bus: EventBus, fn: (accountId: string, e: MessageCreated) => void): () => void {
  return bus.on(MESSAGE_CREATED, (event) => fn(event.accountId, event.payload as MessageCreated));
}
