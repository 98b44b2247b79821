import type { Message, MessageKind, SenderType } from '@warmdesk/protocol';

export type MessageRow = {
  id: string;
  conversation_id: string;
  seq: number;
  client_msg_id: string | null;
  sender_type: SenderType;
  sender_id: string;
  kind: MessageKind;
  content: string;
  private: boolean;
  attachments: Record<string, unknown>[];
  created_at: Date;
  sender_name?: string | null;
};

export function presentMessage(row: MessageRow, senderName?: string | null): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    clientMsgId: row.client_msg_id,
    sender: {
      type: row.sender_type,
      id: row.sender_id === '' ? null : row.sender_id,
      name: senderName ?? row.sender_name ?? null,
    },
    kind: row.kind,
    content: row.content,
    private: row.private,
    attachments: row.attachments,
    createdAt: row.created_at.toISOString(),
  };
}
