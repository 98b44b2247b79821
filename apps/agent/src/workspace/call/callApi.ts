import type { Ack, Call, CallMedia, IceServers, Message } from '@warmdesk/protocol';
import { uuidv7 } from '@warmdesk/protocol/uuid';
import { ApiError, api } from '../../api/http';
import { agentSocket } from '../../api/socket';

const ACK_TIMEOUT_MS = 10_000;

/** A socket request with an ack: the data, or the server's error (or a timeout) thrown as an ApiError. */
function withAck<T>(send: (ack: (res: Ack<T>) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ApiError(0, 'timeout', 'no answer from the server')), ACK_TIMEOUT_MS);
    send((res) => {
      clearTimeout(timer);
      if (res.ok) resolve(res);
      else reject(new ApiError(0, res.error.code, res.error.message, res.error.details));
    });
  });
}

export const requestStart = (callId: string, conversationId: string, media: CallMedia): Promise<Call> =>
  withAck<{ call: Call }>((ack) => agentSocket().emit('call:start', { callId, conversationId, media }, ack)).then(
    (r) => r.call,
  );

export const requestAccept = (callId: string, media: CallMedia): Promise<Call> =>
  withAck<{ call: Call }>((ack) => agentSocket().emit('call:accept', { callId, media }, ack)).then((r) => r.call);

export const requestDecline = (callId: string): Promise<Call> =>
  withAck<{ call: Call }>((ack) => agentSocket().emit('call:decline', { callId }, ack)).then((r) => r.call);

export const requestHangup = (callId: string): Promise<Call> =>
  withAck<{ call: Call }>((ack) => agentSocket().emit('call:hangup', { callId }, ack)).then((r) => r.call);

/** After a reload or a reconnect: this socket takes this tab's place in the conversation's live call, if any. */
export const requestRejoin = (conversationId: string): Promise<Call | null> =>
  withAck<{ call: Call | null }>((ack) => agentSocket().emit('call:rejoin', { conversationId }, ack)).then(
    (r) => r.call,
  );

/** TURN credentials expire: fetched for each call. None configured (or unreachable): host candidates only. */
export async function fetchIceServers(): Promise<RTCIceServer[]> {
  try {
    const res = await api<IceServers>('/calls/ice-servers');
    return res.iceServers.map((s) => ({ urls: s.urls, username: s.username, credential: s.credential }));
  } catch {
    return [];
  }
}

/** A conversation's calls, newest first (the live ones feed the queue's call badges after a reload). */
export const fetchCalls = (conversationId: string): Promise<Call[]> =>
  api<{ items: Call[] }>(`/conversations/${conversationId}/calls`).then((r) => r.items);

export type CallFilePurpose = 'call_snapshot' | 'call_recording';

/** Uploads a snapshot or a recording as a private note of the conversation (fields before the file). */
export function uploadCallFile(
  conversationId: string,
  callId: string,
  purpose: CallFilePurpose,
  file: Blob,
  fileName: string,
): Promise<Message> {
  const form = new FormData();
  form.append('clientMsgId', uuidv7());
  form.append('private', 'true');
  form.append('purpose', purpose);
  form.append('callId', callId);
  form.append('file', file, fileName);
  return api<Message>(`/conversations/${conversationId}/attachments`, { method: 'POST', body: form });
}
