import type { Message } from '@warmdesk/protocol';
import type { DomainEvent, EventBus } from '../../platform/events.js';

export const MESSAGE_CREATED = 'message.created';

export type MessageCreated = { message: Message; contactInboxId: string | null; assigneeUserId: string | null };

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
