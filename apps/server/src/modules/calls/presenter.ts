import type { Call, CallEndReason, CallMedia, CallParty, CallQuality, CallState } from '@warmdesk/protocol';

export type CallRow = {
  id: string;
  account_id: string;
  conversation_id: string;
  inbox_id: string;
  initiator: CallParty;
  media: CallMedia;
  state: CallState;
  agent_user_id: string | null;
  customer_socket_id: string | null;
  agent_socket_id: string | null;
  created_at: Date;
  rung_at: Date | null;
  answered_at: Date | null;
  ended_at: Date | null;
  end_reason: CallEndReason | null;
  duration_seconds: number | null;
  quality_customer: CallQuality | null;
  quality_agent: CallQuality | null;
  away_since: Date | null;
  away_party: CallParty | null;
  /** Joined: the agent's name, and the conversation's customer and assignee (for fan-out). */
  agent_name: string | null;
  contact_id: string;
  assignee_user_id: string | null;
};

/** The one shape of a call for both sides (REST, `call:updated`, acks); socket ids never leave the server. */
export function presentCall(row: CallRow): Call {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    media: row.media,
    state: row.state,
    initiator: row.initiator,
    agent: row.agent_user_id ? { id: row.agent_user_id, name: row.agent_name ?? '' } : null,
    createdAt: row.created_at.toISOString(),
    answeredAt: row.answered_at?.toISOString() ?? null,
    endedAt: row.ended_at?.toISOString() ?? null,
    endReason: row.end_reason,
    durationSeconds: row.duration_seconds,
    quality: { customer: row.quality_customer, agent: row.quality_agent },
  };
}

/** The socket of one side of the call, and of the other. */
export const socketOf = (row: CallRow, party: CallParty) =>
  party === 'customer' ? row.customer_socket_id : row.agent_socket_id;
export const otherParty = (party: CallParty): CallParty => (party === 'customer' ? 'agent' : 'customer');
