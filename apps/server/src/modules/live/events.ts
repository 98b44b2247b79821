import type { LiveChatMessage, LiveViewerEvent, LiveYouEvent } from '@warmdesk/protocol';
import type { DomainEvent, EventBus } from '../../platform/events.js';

/*
 * Bus events of live rooms, published after commit; the socket module delivers them to the realtime rooms
 * (`live:{id}` in both namespaces, and a viewer's own customer room). State changes also have an `events` row.
 */
export const LIVE_ROOM_CHANGED = 'live.room_changed';
export const LIVE_CHAT = 'live.chat';
export const LIVE_VIEWER = 'live.viewer';
export const LIVE_YOU = 'live.you';

export type LiveRoomChanged = { roomId: string };
export type LiveChatPublished = { message: LiveChatMessage; inboxId: string };
export type LiveYouPublished = { contactId: string; inboxId: string; event: LiveYouEvent };

export const roomChanged = (accountId: string, roomId: string): DomainEvent => ({
  accountId,
  type: LIVE_ROOM_CHANGED,
  payload: { roomId } satisfies LiveRoomChanged,
});

export const chatPublished = (accountId: string, payload: LiveChatPublished): DomainEvent => ({
  accountId,
  type: LIVE_CHAT,
  payload,
});

export const viewerPublished = (accountId: string, event: LiveViewerEvent): DomainEvent => ({
  accountId,
  type: LIVE_VIEWER,
  payload: event,
});

export const youPublished = (accountId: string, payload: LiveYouPublished): DomainEvent => ({
  accountId,
  type: LIVE_YOU,
  payload,
});

export function onLive<P>(bus: EventBus, type: string, fn: (accountId: string, payload: P) => void): () => void {
  return bus.on(type, (event) => fn(event.accountId, event.payload as P));
}
