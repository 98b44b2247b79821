/** Messages between the orchestrator (run.ts) and its agent and customer worker processes. */
import type { HandshakeTimes } from './raw-socket.js';

export type AgentLogin = { userId: string; email: string; password: string };

/** One agent's belief that a conversation was theirs, from when they saw it assigned to when they let it go. */
export type Handled = {
  conversationId: string;
  agentId: string;
  from: number;
  to: number | null;
  /** The reply's clientMsgId when its ack came back ok. */
  replyClientMsgId: string | null;
  replyError: string | null;
  resolved: boolean;
  resolveError: string | null;
  /** Seen assigned to someone else while this agent still held it. */
  takenAway: boolean;
};

export type AgentCommand =
  | { type: 'setup'; baseUrl: string; agents: AgentLogin[]; handleMinMs: number; handleMaxMs: number }
  | { type: 'status' }
  | { type: 'report' }
  | { type: 'close' };

export type AgentReply =
  | { type: 'setupDone'; agents: number; ms: number }
  | { type: 'status'; busy: number; handled: number; disconnects: number }
  | { type: 'report'; handled: Handled[]; disconnects: number; updatesSeen: number; cpuMs: number }
  | { type: 'closed' }
  | { type: 'error'; message: string };

/** One arriving customer, as its worker saw it; times are epoch ms. */
export type CustomerRecord = {
  scheduledAt: number;
  startedAt: number;
  /** Widget session created; customer socket ready. */
  sessionAt: number | null;
  connectedAt: number | null;
  /** The customer socket's handshake steps (null if no socket was opened). */
  handshake: HandshakeTimes | null;
  conversationId: string | null;
  setupError: string | null;
  clientMsgId: string | null;
  sentAt: number | null;
  ackAt: number | null;
  ackError: string | null;
  firstQueueAt: number | null;
  firstPosition: number | null;
  assignedAt: number | null;
  assigneeId: string | null;
  replyAt: number | null;
  /** clientMsgId of the first agent message that reached the customer. */
  replyClientMsgId: string | null;
  resolvedAt: number | null;
  /** The socket closed before the bench closed it. */
  dropped: boolean;
};

export type CustomerCommand =
  | {
      type: 'start';
      baseUrl: string;
      inboxKey: string;
      /** This worker's arrivals, as epoch ms. */
      arrivals: number[];
      maxSetupsInFlight: number;
    }
  | { type: 'status' }
  | { type: 'report' }
  | { type: 'close' };

export type CustomerReply =
  | { type: 'started' }
  | {
      type: 'status';
      arrived: number;
      sent: number;
      acked: number;
      assigned: number;
      replied: number;
      resolved: number;
      failed: number;
    }
  | { type: 'report'; records: CustomerRecord[]; cpuMs: number; loopDelayP99Ms: number }
  | { type: 'closed' }
  | { type: 'error'; message: string };
