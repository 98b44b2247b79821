import type { Tx } from '../../platform/context.js';
import type { EventBus } from '../../platform/events.js';
import type { ConversationRow } from './presenter.js';

export const CONVERSATION_CHANGED = 'conversation.updated';
export const CONVERSATION_CREATED = 'conversation.created';

export type ConversationChanged = { conversation: ConversationRow; changes: string[] };

export function emitConversationChanged(tx: Tx, type: string, conversation: ConversationRow, changes: string[]) {
  return tx.emit({ accountId: conversation.account_id, type, payload: { conversation, changes } });
}

export function publishConversationChanged(bus: EventBus, conversation: ConversationRow, changes: string[]): void {
  bus.publish([{ accountId: conversation.account_id, type: CONVERSATION_CHANGED, payload: { conversation, changes } }]);
}

export function onConversationChanged(bus: EventBus, fn: (e: ConversationChanged) => void): () => void {
  const handler = (event: { payload: Record<string, unknown> }) => fn(event.payload as ConversationChanged);
  const offs = [bus.on(CONVERSATION_CHANGED, handler), bus.on(CONVERSATION_CREATED, handler)];
  return () => {
    for (const off of offs) off();
  };
}
