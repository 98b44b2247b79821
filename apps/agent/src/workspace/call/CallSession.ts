import type {
  Call,
  CallMedia,
  CallMediaStateEvent,
  CallPeerEvent,
  CallQuality,
  CallSignalEvent,
  Message,
} from '@warmdesk/protocol';
import { CallPeer, type CallSignal } from '@warmdesk/sdk/calls';
import { agentSocket } from '../../api/socket';
import { requestHangup, requestRejoin, uploadCallFile } from './callApi';
import { OWN_CALL_KEY, setOwnCall } from './callStore';
import { captureFrame } from './frame';
import { CallRecorder } from './recorder';
import { initialView, type JoinRole, type SessionEvents, type SessionView } from './sessionView';

export type { SessionView } from './sessionView';

const QUALITY_MS = 10_000;
const FIRST_QUALITY_MS = 3_000;
const SNAPSHOT_NOTICE_MS = 1_000;

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');
const toPayloadCandidate = (c: RTCIceCandidateInit) => ({
  candidate: c.candidate ?? '',
  sdpMid: c.sdpMid ?? null,
  sdpMLineIndex: c.sdpMLineIndex ?? null,
  usernameFragment: c.usernameFragment ?? null,
});

/**
 * This tab's side of one call: the CallPeer, the socket's `call:*` events for it, the quality reports, recording
 * and snapshots. Lives outside React so the call goes on while the agent opens other conversations.
 */
export class CallSession {
  private state: SessionView;
  private readonly listeners = new Set<() => void>();
  private peer: CallPeer | null = null;
  private connecting = false;
  private readonly early: CallSignal[] = [];
  private readonly timers: ReturnType<typeof setTimeout>[] = [];
  private recorder: CallRecorder | null = null;
  private readonly audio = new Audio();
  private readonly socket = agentSocket();
  private sentMedia = '';

  constructor(
    call: Call,
    private readonly role: JoinRole,
    media: CallMedia,
    private readonly iceServers: Promise<RTCIceServer[]>,
    private readonly events: SessionEvents,
  ) {
    this.state = initialView(call, role, media);
    this.audio.autoplay = true;
    this.socket.on('call:updated', this.onCall);
    this.socket.on('call:signal', this.onSignal);
    this.socket.on('call:media', this.onMedia);
    this.socket.on('call:peer', this.onPeer);
    this.socket.on('connect', this.onReconnect);
    sessionStorage.setItem(OWN_CALL_KEY, JSON.stringify({ callId: call.id, conversationId: call.conversationId }));
    setOwnCall({ callId: call.id, conversationId: call.conversationId, ended: false });
    this.apply(call);
  }

  ended(): boolean {
    return this.state.phase === 'ended';
  }
  get id(): string {
    return this.state.call.id;
  }
  get conversationId(): string {
    return this.state.call.conversationId;
  }
  view = (): SessionView => this.state;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The latest getStats() summary (also what the tests read). */
  async quality(): Promise<CallQuality> {
    if (!this.peer) return { bitrateKbps: 0, packetLossPct: 0, rttMs: null, framesDecoded: 0 };
    return this.peer.quality();
  }

  /** A change of the call from the server (the ack of a request, or `call:updated`). */
  apply(call: Call): void {
    if (call.id !== this.id || this.ended()) return;
    if (call.state === 'ended') {
      this.finish(call);
      return;
    }
    this.update({ call, phase: call.state === 'active' && this.state.phase === 'calling' ? 'connecting' : undefined });
    if (call.state === 'active') void this.connect();
  }

  async hangup(): Promise<void> {
    if (this.ended()) return;
    try {
      this.apply(await requestHangup(this.id));
    } catch {
      // The server is unreachable: end here; it ends the call when this socket does not come back.
      this.finish({ ...this.state.call, state: 'ended', endedAt: new Date().toISOString() });
    }
  }

  toggleMute(): void {
    const muted = !this.state.muted;
    this.peer?.setMuted(muted);
    this.update({ muted });
    this.sendMediaState();
  }

  toggleCamera(): void {
    const cameraOff = !this.state.cameraOff;
    this.peer?.setCameraOff(cameraOff);
    this.update({ cameraOff });
    this.sendMediaState();
  }

  async setMedia(media: CallMedia): Promise<void> {
    if (!this.peer) return;
    await this.peer.setMedia(media);
    this.update({ media, cameraOff: false, tracks: this.state.tracks + 1 });
    this.sendMediaState();
  }

  async toggleScreen(): Promise<void> {
    if (!this.peer) return;
    if (this.peer.mediaState().screen) await this.peer.stopScreen();
    else await this.peer.shareScreen();
    this.update({ tracks: this.state.tracks + 1 });
    this.sendMediaState();
  }

  async switchCamera(): Promise<void> {
    await this.peer?.switchCamera();
    this.update({ tracks: this.state.tracks + 1 });
  }

  requestScreen(): void {
    this.socket.emit('call:notice', { callId: this.id, kind: 'screen_requested' });
  }

  point(x: number, y: number): void {
    this.socket.emit('call:pointer', { callId: this.id, kind: 'point', x, y });
  }

  clearPointer(): void {
    this.socket.emit('call:pointer', { callId: this.id, kind: 'clear', x: 0, y: 0 });
  }

  /** Tells the customer, gives them a moment to see it, then keeps the frame as a private note. */
  async snapshot(video: HTMLVideoElement): Promise<Message | null> {
    this.socket.emit('call:notice', { callId: this.id, kind: 'snapshot' });
    await new Promise((resolve) => setTimeout(resolve, SNAPSHOT_NOTICE_MS));
    const frame = await captureFrame(video);
    if (!frame) return null;
    const message = await this.upload('call_snapshot', frame, `snapshot-${stamp()}.jpg`);
    return message;
  }

  startRecording(): void {
    if (this.recorder || !this.state.remoteStream) return;
    this.recorder = new CallRecorder(this.peer?.localStream ?? null, this.state.remoteStream);
    this.socket.emit('call:notice', { callId: this.id, kind: 'recording_started' });
    this.update({ recording: true });
  }

  /** Stops and uploads; also when the call ends while recording. */
  async stopRecording(): Promise<Message | null> {
    const recorder = this.recorder;
    if (!recorder) return null;
    this.recorder = null;
    if (this.state.phase !== 'ended') this.socket.emit('call:notice', { callId: this.id, kind: 'recording_stopped' });
    this.update({ recording: false });
    const blob = await recorder.stop();
    if (blob.size === 0) return null;
    return this.upload('call_recording', blob, `call-${stamp()}.webm`);
  }

  /** The browser refused to play sound without a click: the panel's button calls this from one. */
  resumeAudio(): void {
    void this.audio.play().then(
      () => this.update({ audioBlocked: false }),
      () => undefined,
    );
  }

  private async upload(purpose: 'call_snapshot' | 'call_recording', blob: Blob, name: string): Promise<Message> {
    this.update({ saving: this.state.saving + 1 });
    try {
      const message = await uploadCallFile(this.conversationId, this.id, purpose, blob, name);
      this.events.onMessage(message);
      return message;
    } finally {
      this.update({ saving: this.state.saving - 1 });
    }
  }

  private async connect(): Promise<void> {
    if (this.peer || this.connecting) return;
    this.connecting = true;
    const iceServers = await this.iceServers;
    if (this.ended()) return;
    const peer = new CallPeer({
      // Customers are polite; a side that comes back after a reload gives way to the one that kept its connection.
      polite: this.role === 'rejoined',
      awaitOffer: this.role !== 'caller',
      iceServers,
      sendSignal: (s) =>
        this.socket.emit('call:signal', {
          callId: this.id,
          ...(s.description ? { description: s.description } : {}),
          ...(s.candidate ? { candidate: toPayloadCandidate(s.candidate) } : {}),
        }),
      onRemoteStream: (stream) => this.onRemoteStream(stream),
      onStateChange: (state) => this.onPeerState(state),
    });
    this.peer = peer;
    for (const signal of this.early.splice(0)) void peer.receiveSignal(signal).catch(() => undefined);
    this.timers.push(setInterval(() => void this.reportQuality(), QUALITY_MS));
    // A first figure soon after connecting rather than after a full period.
    this.timers.push(setTimeout(() => void this.reportQuality(), FIRST_QUALITY_MS));
    // Screen sharing stopped from the browser's own bar changes what is sent without a click here.
    this.timers.push(setInterval(() => this.sendMediaState(), 1_000));
    try {
      const stream = await peer.start(this.state.media);
      const media: CallMedia = stream.getVideoTracks().length > 0 ? 'video' : 'voice';
      this.update({ localStream: stream, media, tracks: this.state.tracks + 1 });
    } catch (error) {
      if (this.state.phase !== 'ended') this.events.onError('media', error);
    }
    this.sendMediaState();
  }

  private onRemoteStream(stream: MediaStream): void {
    if (this.audio.srcObject !== stream) this.audio.srcObject = stream;
    if (stream.getAudioTracks().length > 0 && this.audio.paused) {
      this.audio.play().catch(() => this.update({ audioBlocked: true }));
    }
    this.update({ remoteStream: stream, tracks: this.state.tracks + 1 });
  }

  private onPeerState(state: RTCPeerConnectionState): void {
    if (this.ended()) return;
    if (state === 'connected') this.update({ phase: this.state.peerAway ? 'reconnecting' : 'connected' });
    else if (state === 'disconnected' || state === 'failed') this.update({ phase: 'reconnecting' });
  }

  private sendMediaState(): void {
    if (!this.peer || this.ended()) return;
    const local = this.peer.mediaState();
    const key = JSON.stringify(local);
    if (key === this.sentMedia) return;
    this.sentMedia = key;
    this.update({ local, tracks: this.state.tracks + 1 });
    this.socket.emit('call:media', { callId: this.id, ...local });
  }

  private async reportQuality(): Promise<void> {
    if (!this.peer || this.ended()) return;
    try {
      const quality = await this.peer.quality();
      this.update({ quality });
      this.socket.emit('call:quality', { callId: this.id, quality });
    } catch {
      // Closed meanwhile.
    }
  }

  private readonly onCall = (call: Call) => this.apply(call);

  private readonly onSignal = (event: CallSignalEvent) => {
    if (event.callId !== this.id) return;
    const signal: CallSignal = event.description ? { description: event.description } : {};
    if (event.candidate) signal.candidate = event.candidate;
    if (this.peer) void this.peer.receiveSignal(signal).catch(() => undefined);
    else this.early.push(signal);
  };

  private readonly onMedia = (event: CallMediaStateEvent) => {
    if (event.callId !== this.id || event.from !== 'customer') return;
    this.update({ remote: { audio: event.audio, video: event.video, screen: event.screen } });
  };

  private readonly onPeer = (event: CallPeerEvent) => {
    if (event.callId !== this.id || event.from !== 'customer') return;
    if (event.kind === 'away') {
      this.update({ peerAway: true, phase: 'reconnecting' });
      return;
    }
    // The customer came back on a fresh connection: new candidates (and an offer) from the side that kept its own.
    const connected = this.peer?.connectionState === 'connected';
    this.update({ peerAway: false, phase: connected ? 'connected' : 'reconnecting' });
    this.peer?.restartIce();
  };

  /** This socket reconnected (network blip): take our place in the call again; the connection itself may live on. */
  private readonly onReconnect = () => {
    void requestRejoin(this.conversationId).then(
      (call) => {
        if (!call || call.id !== this.id) this.finish({ ...this.state.call, state: 'ended' });
        else this.apply(call);
      },
      () => undefined,
    );
  };

  private finish(call: Call): void {
    if (this.ended()) return;
    this.update({ call, phase: 'ended' });
    if (this.recorder) {
      void this.stopRecording().catch((error: unknown) => this.events.onError('recording', error));
    }
    for (const timer of this.timers) clearTimeout(timer);
    this.peer?.close();
    this.audio.srcObject = null;
    this.socket.off('call:updated', this.onCall);
    this.socket.off('call:signal', this.onSignal);
    this.socket.off('call:media', this.onMedia);
    this.socket.off('call:peer', this.onPeer);
    this.socket.off('connect', this.onReconnect);
    sessionStorage.removeItem(OWN_CALL_KEY);
    setOwnCall({ callId: this.id, conversationId: this.conversationId, ended: true });
    this.events.onEnded(this);
  }

  private update(patch: Partial<SessionView>): void {
    const next = { ...this.state };
    for (const [key, value] of Object.entries(patch) as [keyof SessionView, unknown][]) {
      if (value !== undefined) (next as Record<string, unknown>)[key] = value;
    }
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
