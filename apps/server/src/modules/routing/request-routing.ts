import type { DomainEvent, EventBus } from '../../platform/events.js';

/**
 * Another module asks routing to queue a conversation nobody has, as if the customer had written (a customer's
 * call with no agent). Published after the asking transaction commits; routing queues and routes it.
 */
export const ROUTING_REQUESTED = 'routing.requested';

export type RoutingRequest = { inboxId: string; conversationId: string };

export const routingRequestedEvent = (accountId: string, request: RoutingRequest): DomainEvent => ({
  accountId,
  type: ROUTING_REQUESTED,
  payload: request,
});

export function onRoutingRequested(bus: EventBus, fn: (accountId: string, r: RoutingRequest) => void): () => void {
  return bus.on(ROUTING_REQUESTED, (event) => fn(event.accountId, event.payload as RoutingRequest));
}
