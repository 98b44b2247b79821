import type { EventBus } from '../../platform/events.js';

/** An agent's availability for routing changed: status, capacity or active flag. */
export const USER_AVAILABILITY = 'user.availability';

export type UserAvailability = { userId: string; status: string; active: boolean };

export function publishUserAvailability(bus: EventBus, accountId: string, payload: UserAvailability): void {
  bus.publish([{ accountId, type: USER_AVAILABILITY, payload }]);
}

export function onUserAvailability(bus: EventBus, fn: (accountId: string, e: UserAvailability) => void): () => void {
  return bus.on(USER_AVAILABILITY, (event) => fn(event.accountId, event.payload as UserAvailability));
}
