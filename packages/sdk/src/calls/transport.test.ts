import { describe, expect, it } from 'vitest';
import { isCall, isCallPointer, isCallSignalEvent } from './guards.js';
import { iceServersOf, signalPayload } from './transport.js';

const CALL_ID = '0190a5c4-0000-7000-8000-000000000001';

describe('call signalling payloads', () => {
  it('sends a browser candidate with the fields the server validates (nulls instead of missing fields)', () => {
    expect(
      signalPayload(CALL_ID, { candidate: { candidate: 'candidate:1 1 udp 2122260223 10.0.0.2 5000 typ host' } }),
    ).toEqual({
      callId: CALL_ID,
      candidate: {
        candidate: 'candidate:1 1 udp 2122260223 10.0.0.2 5000 typ host',
        sdpMid: null,
        sdpMLineIndex: null,
        usernameFragment: null,
      },
    });
    expect(signalPayload(CALL_ID, { description: { type: 'offer', sdp: 'v=0' } })).toEqual({
      callId: CALL_ID,
      description: { type: 'offer', sdp: 'v=0' },
    });
    // the end-of-candidates marker carries nothing to send
    expect(signalPayload(CALL_ID, { candidate: { candidate: '' } })).toEqual({ callId: CALL_ID });
  });

  it('accepts from the server only signals with one description or candidate', () => {
    expect(isCallSignalEvent({ callId: CALL_ID, from: 'agent', description: { type: 'answer', sdp: 'v=0' } })).toBe(
      true,
    );
    expect(isCallSignalEvent({ callId: CALL_ID, from: 'agent', candidate: { candidate: 'candidate:1' } })).toBe(true);
    expect(isCallSignalEvent({ callId: CALL_ID, from: 'agent' })).toBe(false);
    expect(isCallSignalEvent({ callId: CALL_ID, description: { type: 'bogus' } })).toBe(false);
    expect(isCallPointer({ callId: CALL_ID, kind: 'point', x: 0.5, y: 1.5 })).toBe(false);
    expect(isCall({ id: CALL_ID, conversationId: CALL_ID, media: 'video', state: 'ringing' })).toBe(false);
  });

  it('keeps only well-formed ICE servers', () => {
    expect(
      iceServersOf({
        iceServers: [
          { urls: 'turn:turn.example.com:3478', username: '1700000000:u', credential: 'x' },
          { urls: ['stun:a.example', 'stun:b.example'] },
          { urls: 42 },
          'stun:bad',
        ],
        ttlSeconds: 3600,
      }),
    ).toEqual([
      { urls: 'turn:turn.example.com:3478', username: '1700000000:u', credential: 'x' },
      { urls: ['stun:a.example', 'stun:b.example'] },
    ]);
    expect(iceServersOf({ error: { code: 'unauthorized' } })).toEqual([]);
  });
});
