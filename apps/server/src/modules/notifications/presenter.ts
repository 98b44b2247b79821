import type { Notification } from '@warmdesk/protocol';

export type NotificationRow = {
  id: string;
  user_id: string;
  type: 'assigned' | 'mention';
  conversation_id: string;
  display_id: number;
  actor_user_id: string | null;
  actor_name: string | null;
  snippet: string;
  read_at: Date | null;
  created_at: Date;
};

/** Columns over `n` (notifications), `c` (its conversation) and `a` (the actor, left joined). */
export const NOTIFICATION_COLUMNS = `n.id, n.user_id, n.type, n.conversation_id, c.display_id, n.actor_user_id,
  a.name AS actor_name, n.snippet, n.read_at, n.created_at`;

export const presentNotification = (r: NotificationRow): Notification => ({
  id: r.id,
  type: r.type,
  conversationId: r.conversation_id,
  displayId: r.display_id,
  actor: r.actor_user_id ? { id: r.actor_user_id, name: r.actor_name ?? '' } : null,
  snippet: r.snippet,
  readAt: r.read_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
});

const SNIPPET_MAX = 140;

/** A one-line excerpt of at most 140 characters (whole code points), for the notification list. */
export function snippetOf(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= SNIPPET_MAX ? chars.join('') : `${chars.slice(0, SNIPPET_MAX - 1).join('')}…`;
}
