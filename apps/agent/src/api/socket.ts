import type { ClientToServerEvents, ServerToClientEvents } from '@warmdesk/protocol';
import { NAMESPACES } from '@warmdesk/protocol/constants';
import { io, type Socket } from 'socket.io-client';

export type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: AgentSocket | null = null;

/** The agent's one realtime connection (session cookie auth), opened on first use after login. */
export function agentSocket(): AgentSocket {
  if (!socket) {
    socket = io(NAMESPACES.agent, {
      path: '/socket.io',
      transports: ['websocket'],
      withCredentials: true,
      // Other conversations' changes arrive as `conversations:updated` batches: fewer frames during a rush.
      auth: { conversationUpdates: 'batched' },
    });
  }
  return socket;
}

/** Closes the connection (logout); the next `agentSocket()` opens a fresh one. */
export function closeAgentSocket(): void {
  socket?.disconnect();
  socket = null;
}
