import { useSyncExternalStore } from 'react';

/** Who is typing where (the customer); an entry expires by itself in case the "stopped" event is lost. */
const EXPIRE_MS = 6_000;
const typing = new Map<string, ReturnType<typeof setTimeout>>();
let version = 0;
const listeners = new Set<() => void>();

function changed(): void {
  version++;
  for (const l of listeners) l();
}

export function setTyping(conversationId: string, isTyping: boolean): void {
  const timer = typing.get(conversationId);
  if (timer) clearTimeout(timer);
  if (isTyping) {
    typing.set(
      conversationId,
      setTimeout(() => setTyping(conversationId, false), EXPIRE_MS),
    );
  } else {
    typing.delete(conversationId);
  }
  if (timer || isTyping) changed();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useCustomerTyping(conversationId: string): boolean {
  useSyncExternalStore(subscribe, () => version);
  return typing.has(conversationId);
}
