import { useQueryClient } from '@tanstack/react-query';
import type { Message } from '@warmdesk/protocol';
import { useEffect } from 'react';
import { keys } from '../../api/queries';
import { agentSocket } from '../../api/socket';
import { throttle } from '../realtime/throttle';

/**
 * Refetches the queue (and the agents' loads) when conversations change: assignments arrive as
 * `conversations:updated` (or `conversation:updated`), a customer joining the queue as their message (and the routing line, a system message).
 * At most once a second during a rush, and after a reconnect.
 */
export function useQueueLive(): void {
  const qc = useQueryClient();
  useEffect(() => {
    const socket = agentSocket();
    const refresh = throttle(() => {
      void qc.invalidateQueries({ queryKey: keys.queue });
      void qc.invalidateQueries({ queryKey: keys.routingAgents });
    }, 1_000);
    const onMessage = (m: Message) => {
      if (m.sender.type !== 'user') refresh.call();
    };
    socket.on('conversation:updated', refresh.call);
    socket.on('conversations:updated', refresh.call);
    socket.on('message:new', onMessage);
    socket.on('connect', refresh.call);
    return () => {
      socket.off('conversation:updated', refresh.call);
      socket.off('conversations:updated', refresh.call);
      socket.off('message:new', onMessage);
      socket.off('connect', refresh.call);
      refresh.cancel();
    };
  }, [qc]);
}
