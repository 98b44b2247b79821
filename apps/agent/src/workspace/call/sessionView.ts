import type { Call, CallMedia, CallQuality, Message } from '@warmdesk/protocol';
import type { CallSession } from './CallSession';

export type CallPhase = 'calling' | 'connecting' | 'connected' | 'reconnecting' | 'ended';
export type MediaFlags = { audio: boolean; video: boolean; screen: boolean };

/** What the call panel shows; a new object on every change. */
export type SessionView = {
  call: Call;
  phase: CallPhase;
  /** What this side sends: the camera on (video) or not (voice). */
  media: CallMedia;
  local: MediaFlags;
  muted: boolean;
  cameraOff: boolean;
  /** What the customer says they send (`call:media`); null until they say. */
  remote: MediaFlags | null;
  peerAway: boolean;
  quality: CallQuality | null;
  recording: boolean;
  saving: number;
  audioBlocked: boolean;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  /** Changes when tracks come or go in the streams (same MediaStream objects). */
  tracks: number;
};

/** How this side joins: it called, it answered, or it came back after a reload (a fresh connection). */
export type JoinRole = 'caller' | 'callee' | 'rejoined';

export type SessionEvents = {
  onMessage: (message: Message) => void;
  onEnded: (session: CallSession) => void;
  onError: (kind: 'media' | 'recording', error: unknown) => void;
};

/** A session's first view. */
export function initialView(call: Call, role: JoinRole, media: CallMedia): SessionView {
  return {
    call,
    // Only the caller waits for the other side to answer; the callee is answering.
    phase: call.state === 'active' || role !== 'caller' ? 'connecting' : 'calling',
    media,
    local: { audio: false, video: false, screen: false },
    muted: false,
    cameraOff: false,
    remote: null,
    peerAway: false,
    quality: null,
    recording: false,
    saving: 0,
    audioBlocked: false,
    localStream: null,
    remoteStream: null,
    tracks: 0,
  };
}
