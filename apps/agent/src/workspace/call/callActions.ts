import type { Call, CallMedia } from '@warmdesk/protocol';
import { uuidv7 } from '@warmdesk/protocol/uuid';
import { CallSession } from './CallSession';
import { fetchIceServers, requestAccept, requestDecline, requestRejoin, requestStart } from './callApi';
import { inCall, OWN_CALL_KEY, putCall, setOwnCall } from './callStore';
import type { SessionEvents } from './sessionView';

/*
 * The one call of this tab (the lazily loaded side of callLauncher.ts): starting, answering, declining, coming
 * back after a reload. An ended call stays on screen a few seconds ("Call ended"), then goes.
 */

const ENDED_VISIBLE_MS = 4_000;
let current: CallSession | null = null;
const listeners = new Set<() => void>();
let sink: Partial<SessionEvents> = {};

export const currentSession = (): CallSession | null => current;

export function subscribeCurrent(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Where a session reports what the agent should see (toasts, new private notes): the app-wide call overlay. */
export function setCallSink(next: Partial<SessionEvents>): void {
  sink = next;
}

function setCurrent(session: CallSession | null): void {
  current = session;
  if (!session) setOwnCall(null);
  for (const listener of listeners) listener();
}

const events: SessionEvents = {
  onMessage: (message) => sink.onMessage?.(message),
  onError: (kind, error) => sink.onError?.(kind, error),
  onEnded: (session) => {
    putCall(session.view().call);
    sink.onEnded?.(session);
    setTimeout(() => {
      if (current === session) setCurrent(null);
    }, ENDED_VISIBLE_MS);
  },
};

class BusyError extends Error {
  readonly code = 'busy';
}

function ensureFree(): void {
  if (inCall()) throw new BusyError('already in a call');
}

/** Calls the customer; the session shows "Calling…" until they answer. */
export async function startCall(conversationId: string, media: CallMedia): Promise<CallSession> {
  ensureFree();
  const iceServers = fetchIceServers();
  const call = await requestStart(uuidv7(), conversationId, media);
  putCall(call);
  const session = new CallSession(call, 'caller', media, iceServers, events);
  setCurrent(session);
  return session;
}

/**
 * Answers a call ringing this agent, or takes a queued one (the server assigns the conversation). The session
 * exists before the answer goes out, so the customer's first offer cannot arrive before it listens.
 */
export async function acceptCall(call: Call, media: CallMedia): Promise<CallSession> {
  ensureFree();
  const session = new CallSession(call, 'callee', media, fetchIceServers(), events);
  setCurrent(session);
  try {
    const accepted = await requestAccept(call.id, media);
    putCall(accepted);
    session.apply(accepted);
    return session;
  } catch (error) {
    session.apply({ ...call, state: 'ended', endedAt: new Date().toISOString() });
    setCurrent(null);
    throw error;
  }
}

export async function declineCall(callId: string): Promise<void> {
  putCall(await requestDecline(callId));
}

/** After a reload: the call this tab was in, if it is still going (the server keeps it 30 s). */
export async function resumeCall(conversationId: string): Promise<CallSession | null> {
  if (current) return current;
  const call = await requestRejoin(conversationId).catch(() => null);
  if (!call || call.state === 'ended') {
    sessionStorage.removeItem(OWN_CALL_KEY);
    return null;
  }
  putCall(call);
  const media: CallMedia = call.media;
  const role = call.state === 'active' ? 'rejoined' : call.initiator === 'agent' ? 'caller' : 'callee';
  const session = new CallSession(call, role, media, fetchIceServers(), events);
  setCurrent(session);
  return session;
}
