import type { Csat, CsatRecord } from '@warmdesk/protocol';

export type CsatRow = {
  id: string;
  account_id: string;
  conversation_id: string;
  contact_id: string;
  assignee_user_id: string | null;
  score: number;
  comment: string | null;
  created_at: Date;
  updated_at: Date;
  display_id: number;
  inbox_id: string;
  assignee_name: string | null;
  cursor_ts: string;
};

/** What the customer sees of their own rating. */
export function presentCsat(row: CsatRow): Csat {
  return {
    conversationId: row.conversation_id,
    score: row.score,
    comment: row.comment,
    createdAt: row.created_at.toISOString(),
  };
}

/** What agents see: the rating with its conversation and the assignee it was given to. */
export function presentCsatRecord(row: CsatRow): CsatRecord {
  return {
    ...presentCsat(row),
    id: row.id,
    conversationDisplayId: row.display_id,
    inboxId: row.inbox_id,
    contactId: row.contact_id,
    assignee: row.assignee_user_id ? { id: row.assignee_user_id, name: row.assignee_name ?? '' } : null,
    updatedAt: row.updated_at.toISOString(),
  };
}
