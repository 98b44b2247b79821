import { useCallback, useEffect, useRef } from 'react';
import { agentSocket } from '../../api/socket';

const REPEAT_MS = 3_000;
const IDLE_MS = 4_000;

/** Tells the customer the agent is typing (replies only, never while writing a private note). */
export function useTypingEmitter(conversationId: string) {
  const lastSent = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout>>(undefined);

  const stop = useCallback(() => {
    clearTimeout(idle.current);
    if (lastSent.current === 0) return;
    lastSent.current = 0;
    agentSocket().emit('typing', { conversationId, typing: false });
  }, [conversationId]);

  const typing = useCallback(() => {
    const now = Date.now();
    if (now - lastSent.current > REPEAT_MS) {
      lastSent.current = now;
      agentSocket().emit('typing', { conversationId, typing: true });
    }
    clearTimeout(idle.current);
    idle.current = setTimeout(stop, IDLE_MS);
  }, [conversationId, stop]);

  useEffect(() => stop, [stop]);
  return { typing, stop };
}
