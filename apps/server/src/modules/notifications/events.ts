import type { Notification } from '@warmdesk/protocol';
import type { EventBus } from '../../platform/events.js';

export const NOTIFICATION_CREATED = 'notification.created';

export type NotificationCreated = { userId: string; notification: Notification };

export function onNotificationCreated(bus: EventBus, fn: (e: NotificationCreated) => void): () => void {
  return bus.on(NOTIFICATION_CREATED, (event) => fn(event.payload as NotificationCreated));
}
