import type { Conversation, ConversationListItem, ConversationStatus, Priority } from '@warmdesk/protocol';
import type { ConversationListRow } from './list-rows.js';

export type ConversationRow = {
  id: string;
  account_id: string;
  display_id: number;
  inbox_id: string;
  contact_id: string;
  contact_inbox_id: string | null;
  status: ConversationStatus;
  priority: Priority;
  assignee_user_id: string | null;
  assignee_bot_id: string | null;
  assignee_name?: string | null;
  team_id: string | null;
  labels: string[];
  last_seq: number;
  waiting_since: Date | null;
  first_reply_at: Date | null;
  snoozed_until: Date | null;
  last_message_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export type Audience = 'agent' | 'customer';

/** The one conversation presenter; customers do not see internal triage fields (labels, team, priority). */
export function presentConversation(row: ConversationRow, audience: Audience = 'agent'): Conversation {
  const assignee = row.assignee_user_id
    ? { type: 'user' as const, id: row.assignee_user_id, name: row.assignee_name ?? '' }
    : row.assignee_bot_id
      ? { type: 'bot' as const, id: row.assignee_bot_id, name: row.assignee_name ?? 'Bot' }
      : null;
  const internal = audience === 'agent';
  return {
    id: row.id,
    accountId: row.account_id,
    displayId: row.display_id,
    inboxId: row.inbox_id,
    contactId: row.contact_id,
    status: row.status,
    priority: internal ? row.priority : 'none',
    assignee,
    teamId: internal ? row.team_id : null,
    labels: internal ? row.labels : [],
    lastSeq: row.last_seq,
    waitingSince: iso(row.waiting_since),
    firstReplyAt: iso(row.first_reply_at),
    snoozedUntil: iso(row.snoozed_until),
    lastMessageAt: iso(row.last_message_at),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A conversation as the workspace lists it: the contact, the last message and what the viewer has not read. */
export function presentConversationListItem(row: ConversationListRow): ConversationListItem {
  return {
    ...presentConversation(row),
    contact: { id: row.contact_id, name: row.contact_name, email: row.contact_email, phone: row.contact_phone },
    lastMessage:
      row.last_sender_type && row.last_created_at
        ? {
            content: row.last_content ?? '',
            senderType: row.last_sender_type,
            private: row.last_private ?? false,
            createdAt: row.last_created_at.toISOString(),
          }
        : null,
    unreadCount: row.unread_count,
    contactReadSeq: row.contact_read_seq,
  };
}
