import type { Call, CallMedia, CallNoticeKind, CallQuality } from '@warmdesk/protocol';
import { uuidv7 } from '@warmdesk/protocol/uuid';
import type { WarmdeskClient } from '../client.js';
import type { CallEmitEvent, CallEmitPayload, CallEmitResult, CallRelayEvent, ClientState } from '../types.js';
import { isCall, isCallMediaEvent, isCallNotice, isCallPeerEvent, isCallPointer, isCallSignalEvent } from './guards.js';
import { type CallMediaState, CallPeer, type CallSignal } from './peer.js';
import { fetchIceServers, signalPayload } from './transport.js';

/**
 * `outgoing`: this side called, waiting for an agent (queued or ringing); `incoming`: an agent is calling;
 * `connecting`: accepted, media not flowing yet; `reconnecting`: the media connection dropped and is being
 * restored; `ended`: the call is over (`call.endReason` says why) until `dismiss()` or the next call.
 */
export type CallPhase = 'idle' | 'outgoing' | 'incoming' | 'connecting' | 'active' | 'reconnecting' | 'ended';

export interface CallView {
  phase: CallPhase;
  call: Call | null;
  local: MediaStream | null;
  remote: MediaStream | null;
  /** What this side sends. */
  media: CallMediaState;
  /** What the agent sends, from their `call:media` (null until they say). */
  remoteMedia: CallMediaState | null;
  /** The agent's connection to the server dropped; they have 30 s to come back. */
  peerAway: boolean;
  /** The latest thing the agent told the customer (shown until the next one or until it expires). */
  notice: CallNoticeKind | null;
  recording: boolean;
  /** The agent's pointer on the shared screen, 0..1 of its width and height. */
  pointer: { x: number; y: number } | null;
  error: Error | null;
}

export type CallClient = Pick<WarmdeskClient, 'on' | 'off' | 'callEmit' | 'session'>;

export interface CallSessionOptions {
  client: CallClient;
  /** The Warmdesk server, as given to createClient. */
  baseUrl: string;
  /** Listen to `client.on('call')` (default true); false when the caller passes events to `handle()` itself. */
  listen?: boolean;
  /** How often the connection quality is reported to the server, ms (default 10 000). */
  qualityIntervalMs?: number;
}

const NO_MEDIA: CallMediaState = { audio: false, video: false, screen: false };
const INITIAL: CallView = {
  phase: 'idle',
  call: null,
  local: null,
  remote: null,
  media: NO_MEDIA,
  remoteMedia: null,
  peerAway: false,
  notice: null,
  recording: false,
  pointer: null,
  error: null,
};
const noop = () => undefined;

/**
 * The customer's side of calls in one inbox, over a WarmdeskClient: start, accept, decline, hang up, the media
 * controls, rejoining after a reload, quality reports. The state is one `CallView`; subscribe to redraw.
 */
export class CallSession {
  private current: CallView = INITIAL;
  private readonly listeners = new Set<(view: CallView) => void>();
  private peer: CallPeer | null = null;
  /** The call this tab takes part in (started, accepted or rejoined here). */
  private own: string | null = null;
  private peerFor: string | null = null;
  private awaitOffer = false;
  private acceptMedia: CallMedia | null = null;
  private pendingSignals: CallSignal[] = [];
  private qualityTimer: ReturnType<typeof setInterval> | undefined;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly detach: () => void;

  constructor(private readonly options: CallSessionOptions) {
    const { client } = options;
    const onCall = (event: CallRelayEvent) => this.handle(event);
    const onState = (state: ClientState) => {
      const call = this.current.call;
      if (state === 'connected' && this.own && call) this.rejoin(call.conversationId).catch(noop);
    };
    if (options.listen !== false) client.on('call', onCall);
    client.on('state', onState);
    this.detach = () => {
      client.off('call', onCall);
      client.off('state', onState);
    };
  }

  get view(): CallView {
    return this.current;
  }

  subscribe(fn: (view: CallView) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** A `call:*` event from the server (what `client.on('call')` delivers). */
  handle({ event, payload: p }: CallRelayEvent): void {
    if (event === 'call:updated') {
      if (isCall(p)) this.onCall(p);
      return;
    }
    // The rest concerns the call this tab is in.
    if (!p || (p as { callId?: unknown }).callId !== this.own) return;
    if (event === 'call:signal' && isCallSignalEvent(p)) {
      const signal: CallSignal = {};
      if (p.description) signal.description = p.description;
      if (p.candidate) signal.candidate = p.candidate;
      if (this.peer) this.peer.receiveSignal(signal).catch(noop);
      else this.pendingSignals.push(signal);
    } else if (event === 'call:media' && isCallMediaEvent(p)) {
      this.set({ remoteMedia: { audio: p.audio, video: p.video, screen: p.screen } });
    } else if (event === 'call:peer' && isCallPeerEvent(p)) {
      this.set({ peerAway: p.kind === 'away' });
      // The agent came back on a fresh connection: this side kept its own, so it offers with new candidates.
      if (p.kind === 'rejoined') this.peer?.restartIce();
    } else if (event === 'call:notice' && isCallNotice(p)) {
      this.showNotice(p.kind);
    } else if (event === 'call:pointer' && isCallPointer(p)) {
      this.set({ pointer: p.kind === 'point' ? { x: p.x, y: p.y } : null });
    }
  }

  /** Calls the team in this conversation; without an agent it waits in the queue (video ones with the video skill). */
  async start(conversationId: string, media: CallMedia): Promise<void> {
    if (this.own) return;
    const callId = uuidv7();
    this.own = callId;
    this.awaitOffer = false;
    this.acceptMedia = null;
    this.set({ ...INITIAL, phase: 'outgoing' });
    try {
      this.onCall((await this.emit('call:start', { callId, conversationId, media })).call);
    } catch (error) {
      this.fail(error);
    }
  }

  /** Answers the ringing call, with the camera (`video`) or without. */
  async accept(media: CallMedia): Promise<void> {
    const call = this.current.call;
    if (!call || this.current.phase !== 'incoming') return;
    this.own = call.id;
    this.awaitOffer = true;
    this.acceptMedia = media;
    this.set({ phase: 'connecting' });
    try {
      this.onCall((await this.emit('call:accept', { callId: call.id, media })).call);
    } catch (error) {
      this.fail(error);
    }
  }

  async decline(): Promise<void> {
    const call = this.current.call;
    if (!call || this.current.phase !== 'incoming') return;
    this.set({ phase: 'idle', call: null });
    await this.emit('call:decline', { callId: call.id }).catch(noop);
  }

  /** Ends the call, or cancels it while it still rings or waits in the queue. */
  async hangup(): Promise<void> {
    const call = this.current.call;
    if (!call || !this.own) return;
    // The last quality report goes into the call's summary.
    await this.reportQuality();
    const ended = await this.emit('call:hangup', { callId: call.id }).catch(() => null);
    this.finish(ended?.call ?? call);
  }

  /**
   * Takes this page's place in the conversation's live call after a reload or a reconnect (within 30 s of the
   * drop). Resolves with the call, or null when there is none.
   */
  async rejoin(conversationId: string): Promise<Call | null> {
    const { call } = await this.emit('call:rejoin', { conversationId });
    if (!isCall(call) || call.state === 'ended') {
      if (this.own && this.current.call?.conversationId === conversationId) this.finish(this.current.call);
      return null;
    }
    if (call.state === 'ringing' && call.initiator === 'agent') {
      this.onCall(call);
      return call;
    }
    if (this.own !== call.id) {
      // A fresh page: the agent kept their connection and offers again (ICE restart); this side answers.
      this.own = call.id;
      this.awaitOffer = true;
      this.acceptMedia = null;
    }
    this.onCall(call);
    return call;
  }

  /** Forgets the last error, and goes back to idle after an ended call (the UI's "OK"). */
  dismiss(): void {
    this.set(this.current.phase === 'ended' || this.current.phase === 'idle' ? { ...INITIAL } : { error: null });
  }

  setMuted(muted: boolean): void {
    this.peer?.setMuted(muted);
  }

  setCameraOff(off: boolean): void {
    this.peer?.setCameraOff(off);
  }

  setMedia(media: CallMedia): Promise<void> {
    return this.guard((peer) => peer.setMedia(media));
  }

  shareScreen(): Promise<void> {
    return this.guard((peer) => peer.shareScreen());
  }

  stopScreen(): Promise<void> {
    return this.guard((peer) => peer.stopScreen());
  }

  switchCamera(): Promise<void> {
    return this.guard((peer) => peer.switchCamera());
  }

  /** The connection's quality now (getStats): received bitrate, loss, round trip, video frames decoded. */
  quality(): Promise<CallQuality | null> {
    return this.peer ? this.peer.quality() : Promise.resolve(null);
  }

  /** Leaves any call (without hanging up: the server drops it after 30 s) and stops listening. */
  close(): void {
    this.detach();
    this.stopMedia();
    this.own = null;
    this.listeners.clear();
  }

  private onCall(call: Call): void {
    if (call.id !== this.own) {
      const shown = this.current.call?.id === call.id;
      if (call.state === 'ringing' && call.initiator === 'agent' && !this.own) {
        this.set({ ...INITIAL, phase: 'incoming', call });
      } else if (shown && this.current.phase === 'incoming') {
        // Answered in another tab, missed or cancelled: nothing left to show here.
        this.set({ ...INITIAL });
      }
      return;
    }
    if (call.state === 'ended') {
      this.finish(call);
      return;
    }
    this.set({ call });
    if (call.state !== 'active') {
      this.set({ phase: call.initiator === 'agent' ? 'incoming' : 'outgoing' });
      return;
    }
    if (this.peerFor !== call.id) void this.connect(call);
  }

  private async connect(call: Call): Promise<void> {
    this.peerFor = call.id;
    this.set({ phase: 'connecting' });
    try {
      const iceServers = await fetchIceServers(this.options.baseUrl, this.options.client.session?.sessionToken);
      if (this.own !== call.id) return;
      const peer = new CallPeer({
        polite: true,
        iceServers,
        awaitOffer: this.awaitOffer,
        sendSignal: (signal) => this.sendSignal(call.id, signal),
        onRemoteStream: (remote) => this.set({ remote }),
        onStateChange: (state) => this.onPeerState(state),
        onLocalChange: (media) => {
          this.set({ media, local: peer.localStream });
          this.emit('call:media', { callId: call.id, ...media }).catch(noop);
          if (media.screen && this.current.notice === 'screen_requested') this.set({ notice: null });
        },
      });
      this.peer = peer;
      for (const signal of this.pendingSignals.splice(0)) peer.receiveSignal(signal).catch(noop);
      await peer.start(this.acceptMedia ?? call.media);
      clearInterval(this.qualityTimer);
      this.qualityTimer = setInterval(() => void this.reportQuality(), this.options.qualityIntervalMs ?? 10_000);
    } catch (error) {
      // No microphone (or permission refused): the call cannot go on from this side.
      this.set({ error: asError(error) });
      if (this.own === call.id) await this.hangup();
    }
  }

  private sendSignal(callId: string, signal: CallSignal): void {
    // Lost while disconnected: the ICE restart after the rejoin negotiates again.
    this.emit('call:signal', signalPayload(callId, signal)).catch(noop);
  }

  private onPeerState(state: RTCPeerConnectionState): void {
    if (state === 'connected') this.set({ phase: 'active' });
    else if (state === 'disconnected' || state === 'failed') this.set({ phase: 'reconnecting' });
  }

  private async reportQuality(): Promise<void> {
    const callId = this.own;
    if (!callId || !this.peer || this.peer.connectionState === 'new') return;
    try {
      await this.emit('call:quality', { callId, quality: await this.peer.quality() });
    } catch {
      // The next report (or the call's end) carries it.
    }
  }

  private showNotice(kind: CallNoticeKind): void {
    clearTimeout(this.noticeTimer);
    const recording =
      kind === 'recording_started' ? true : kind === 'recording_stopped' ? false : this.current.recording;
    this.set({ notice: kind, recording });
    // Asking to share the screen stays until answered; the others are read in a few seconds.
    if (kind !== 'screen_requested') this.noticeTimer = setTimeout(() => this.set({ notice: null }), 8_000);
  }

  private async guard(action: (peer: CallPeer) => Promise<void>): Promise<void> {
    if (!this.peer) return;
    try {
      await action(this.peer);
    } catch (error) {
      // The customer cancelled the screen picker or the camera is busy: the call goes on as it was.
      this.set({ error: asError(error) });
    }
  }

  private finish(call: Call | null): void {
    this.stopMedia();
    this.own = null;
    this.set({
      ...INITIAL,
      phase: 'ended',
      call: call ? { ...call, state: 'ended' } : null,
      error: this.current.error,
    });
  }

  private fail(error: unknown): void {
    this.stopMedia();
    this.own = null;
    this.set({ ...INITIAL, error: asError(error) });
  }

  private stopMedia(): void {
    clearInterval(this.qualityTimer);
    clearTimeout(this.noticeTimer);
    this.peer?.close();
    this.peer = null;
    this.peerFor = null;
    this.pendingSignals = [];
  }

  private emit<K extends CallEmitEvent>(event: K, payload: CallEmitPayload<K>): Promise<CallEmitResult<K>> {
    return this.options.client.callEmit(event, payload);
  }

  private set(patch: Partial<CallView>): void {
    this.current = { ...this.current, ...patch };
    for (const fn of this.listeners) fn(this.current);
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
