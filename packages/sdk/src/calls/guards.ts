import type {
  Call,
  CallMediaStateEvent,
  CallNoticePayload,
  CallPeerEvent,
  CallPointerPayload,
  CallSignalEvent,
} from '@warmdesk/protocol';

/*
 * Checks of what the server pushes about calls. Hand-written like ../guards.ts (zod would weigh more than the
 * whole call layer in a browser bundle); each checks the fields the call layer reads.
 */

// Not ../errors.js: the widget loads this module in its own chunk, and sharing it would cost the first load.
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string';
const oneOf =
  <T extends string>(...values: T[]) =>
  (v: unknown): v is T =>
    values.includes(v as T);

export const isCallState = oneOf('queued', 'ringing', 'active', 'ended');
export const isCallMedia = oneOf('voice', 'video');
const isParty = oneOf('customer', 'agent');

export function isCall(v: unknown): v is Call {
  return (
    isRecord(v) &&
    str(v.id) &&
    str(v.conversationId) &&
    isCallMedia(v.media) &&
    isCallState(v.state) &&
    isParty(v.initiator) &&
    (v.agent === null || (isRecord(v.agent) && str(v.agent.name))) &&
    (v.answeredAt === null || str(v.answeredAt))
  );
}

export function isCallSignalEvent(v: unknown): v is CallSignalEvent {
  if (!isRecord(v) || !str(v.callId)) return false;
  const { description: d, candidate: c } = v;
  const description = isRecord(d) && oneOf('offer', 'answer', 'pranswer', 'rollback')(d.type);
  const candidate = isRecord(c) && str(c.candidate);
  return (d === undefined || description) && (c === undefined || candidate) && (description || candidate);
}

export function isCallMediaEvent(v: unknown): v is CallMediaStateEvent {
  return isRecord(v) && str(v.callId) && [v.audio, v.video, v.screen].every((b) => typeof b === 'boolean');
}

export function isCallPeerEvent(v: unknown): v is CallPeerEvent {
  return isRecord(v) && str(v.callId) && oneOf('away', 'rejoined')(v.kind);
}

export function isCallNotice(v: unknown): v is CallNoticePayload {
  return (
    isRecord(v) &&
    str(v.callId) &&
    oneOf('snapshot', 'recording_started', 'recording_stopped', 'screen_requested')(v.kind)
  );
}

export function isCallPointer(v: unknown): v is CallPointerPayload {
  const inside = (n: unknown) => typeof n === 'number' && n >= 0 && n <= 1;
  return isRecord(v) && str(v.callId) && oneOf('point', 'clear')(v.kind) && inside(v.x) && inside(v.y);
}
