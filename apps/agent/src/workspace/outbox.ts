import { useSyncExternalStore } from 'react';

/** A message on its way to the server (optimistic bubble) or one whose send failed (retry). */
export type PendingMessage = {
  clientMsgId: string;
  conversationId: string;
  content: string;
  private: boolean;
  mentions: string[];
  file?: File;
  state: 'sending' | 'failed';
  error?: string;
  createdAt: string;
};

let pending: PendingMessage[] = [];
const listeners = new Set<() => void>();

function set(next: PendingMessage[]): void {
  pending = next;
  for (const l of listeners) l();
}

export const outbox = {
  add(message: PendingMessage): void {
    set([...pending, message]);
  },
  update(clientMsgId: string, patch: Partial<PendingMessage>): void {
    set(pending.map((m) => (m.clientMsgId === clientMsgId ? { ...m, ...patch } : m)));
  },
  /** The server has the message (its answer or the socket's copy, whichever came first). */
  remove(clientMsgId: string | null): void {
    if (clientMsgId && pending.some((m) => m.clientMsgId === clientMsgId))
      set(pending.filter((m) => m.clientMsgId !== clientMsgId));
  },
  get(clientMsgId: string): PendingMessage | undefined {
    return pending.find((m) => m.clientMsgId === clientMsgId);
  },
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Pending messages of one conversation, oldest first. */
export function usePendingMessages(conversationId: string): PendingMessage[] {
  const all = useSyncExternalStore(subscribe, () => pending);
  return all.filter((m) => m.conversationId === conversationId);
}
