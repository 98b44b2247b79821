import type { CallSignalPayload } from '@warmdesk/protocol';
import { CUSTOMER_SESSION_HEADER } from '@warmdesk/protocol/constants';
import { isRecord } from './guards.js';
import type { CallSignal } from './peer.js';

/** The `iceServers` of `GET /api/v1/widget/calls/ice-servers`, keeping only well-formed entries. */
export function iceServersOf(body: unknown): RTCIceServer[] {
  const list = isRecord(body) && Array.isArray(body.iceServers) ? body.iceServers : [];
  return list.filter(
    (s): s is RTCIceServer =>
      isRecord(s) &&
      (typeof s.urls === 'string' || (Array.isArray(s.urls) && s.urls.every((u) => typeof u === 'string'))),
  );
}

/** The customer's ICE servers (STUN/TURN with fresh credentials); none when the server cannot be asked. */
export async function fetchIceServers(baseUrl: string, sessionToken: string | undefined): Promise<RTCIceServer[]> {
  const url = `${baseUrl.replace(/\/+$/, '')}/api/v1/widget/calls/ice-servers`;
  try {
    const res = await fetch(url, { headers: sessionToken ? { [CUSTOMER_SESSION_HEADER]: sessionToken } : {} });
    return res.ok ? iceServersOf(await res.json()) : [];
  } catch {
    // Without ICE servers, peers on the same network (or with public addresses) still connect.
    return [];
  }
}

/** A CallPeer signal as the `call:signal` payload (the browser's JSON of a candidate has optional fields). */
export function signalPayload(callId: string, { description, candidate }: CallSignal): CallSignalPayload {
  const payload: CallSignalPayload = { callId };
  if (description?.type) payload.description = { type: description.type, sdp: description.sdp ?? '' };
  if (candidate?.candidate) {
    payload.candidate = {
      candidate: candidate.candidate,
      sdpMid: candidate.sdpMid ?? null,
      sdpMLineIndex: candidate.sdpMLineIndex ?? null,
      usernameFragment: candidate.usernameFragment ?? null,
    };
  }
  return payload;
}
