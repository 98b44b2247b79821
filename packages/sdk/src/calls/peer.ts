import type { CallMedia, CallQuality } from '@warmdesk/protocol';
import { type StatLike, type StatsSample, summarizeStats } from './stats.js';

const LOST_OFFER_MS = 3_000;

export interface CallSignal {
  description?: RTCSessionDescriptionInit;
  candidate?: RTCIceCandidateInit;
}

export interface CallPeerOptions {
  /** Perfect negotiation: the polite side gives way when both offer at once (the customer is polite). */
  polite: boolean;
  iceServers: RTCIceServer[];
  sendSignal(signal: CallSignal): void;
  onRemoteStream(stream: MediaStream): void;
  onStateChange?(state: RTCPeerConnectionState): void;
  /** What this side sends changed (including the browser's own "stop sharing" button). */
  onLocalChange?(state: CallMediaState): void;
  /**
   * Do not offer first: wait (up to `awaitOfferMs`, default 4 s) for the other side's offer. For the side that
   * joins second (the callee, or a side that rejoined after a reload while the other kept its connection), so
   * both do not offer at once.
   */
  awaitOffer?: boolean;
  awaitOfferMs?: number;
}

export interface CallMediaState {
  audio: boolean;
  video: boolean;
  screen: boolean;
}

/**
 * One side of a 1:1 call over an RTCPeerConnection, signalled through `sendSignal`/`receiveSignal` with
 * perfect negotiation. Used by the widget and by the agent app (docs/sdk.md "Calls").
 */
export class CallPeer {
  readonly remoteStream: MediaStream = new MediaStream();
  private stream: MediaStream | null = null;
  private readonly pc: RTCPeerConnection;
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswer = false;
  /** When the offer now waiting for an answer was sent. */
  private offeredAt = 0;
  private holdOffer: boolean;
  private holdTimer: ReturnType<typeof setTimeout> | undefined;
  /** Signals are applied one after another: a candidate must not overtake its description. */
  private signals: Promise<void> = Promise.resolve();
  private microphone: MediaStreamTrack | null = null;
  private camera: MediaStreamTrack | null = null;
  private screen: MediaStreamTrack | null = null;
  private muted = false;
  private cameraOff = false;
  private statsSample: StatsSample | null = null;
  private closed = false;
  private readonly onOnline = () => this.restartIce();

  constructor(private readonly options: CallPeerOptions) {
    this.holdOffer = options.awaitOffer === true;
    const pc = new RTCPeerConnection({ iceServers: options.iceServers });
    this.pc = pc;
    pc.onnegotiationneeded = () => void this.negotiate();
    pc.onicecandidate = ({ candidate }) => {
      if (candidate?.candidate) options.sendSignal({ candidate: candidate.toJSON() });
    };
    pc.ontrack = ({ track }) => this.addRemoteTrack(track);
    pc.onconnectionstatechange = () => {
      const state = pc.connectionState;
      if (state === 'failed') this.restartIce();
      if (state === 'connected' && !this.statsSample) void this.takeBaseline();
      options.onStateChange?.(state);
    };
    if (typeof window !== 'undefined') window.addEventListener('online', this.onOnline);
  }

  /** The microphone, and the camera or screen being sent; null before start(). */
  get localStream(): MediaStream | null {
    return this.stream;
  }

  get connectionState(): RTCPeerConnectionState {
    return this.pc.connectionState;
  }

  /** Applies the other side's offer, answer or candidate (in arrival order). */
  receiveSignal(signal: CallSignal): Promise<void> {
    const next = this.signals.then(() => this.applySignal(signal));
    this.signals = next.catch(() => undefined);
    return next;
  }

  /** Opens the microphone (and the camera for video) and sends them; negotiation follows by itself. */
  async start(media: CallMedia): Promise<MediaStream> {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: media === 'video' });
    } catch (error) {
      // No camera (or it is busy): the call goes on with voice.
      if (media !== 'video') throw error;
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    }
    if (this.closed) {
      for (const track of stream.getTracks()) track.stop();
      throw new DOMException('the call ended', 'AbortError');
    }
    this.stream = stream;
    this.microphone = stream.getAudioTracks()[0] ?? null;
    this.camera = stream.getVideoTracks()[0] ?? null;
    if (this.microphone) {
      this.microphone.enabled = !this.muted;
      this.pc.addTrack(this.microphone, stream);
    }
    if (this.camera) await this.sendVideo(this.camera);
    this.changed();
    return stream;
  }

  /** Switches between voice and video: opens (or closes) the camera; screen sharing goes on. */
  async setMedia(media: CallMedia): Promise<void> {
    await this.switchMedia(media);
    this.changed();
  }

  private async switchMedia(media: CallMedia): Promise<void> {
    const stream = this.ensureStream();
    if (media === 'video') {
      this.cameraOff = false;
      if (this.camera && this.camera.readyState === 'live') {
        this.camera.enabled = true;
        return;
      }
      const camera = (await navigator.mediaDevices.getUserMedia({ video: true })).getVideoTracks()[0];
      if (!camera) return;
      this.camera = camera;
      if (!this.screen) {
        stream.addTrack(camera);
        await this.sendVideo(camera);
      }
      return;
    }
    const camera = this.camera;
    this.camera = null;
    if (!camera) return;
    camera.stop();
    stream.removeTrack(camera);
    if (!this.screen) await this.sendVideo(null);
  }

  /** Sends the screen (the browser asks which) instead of the camera, until stopScreen() or the browser stops it. */
  async shareScreen(): Promise<void> {
    if (this.screen) return;
    const stream = this.ensureStream();
    const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const screen = display.getVideoTracks()[0];
    if (!screen) return;
    if (this.closed) return screen.stop();
    this.screen = screen;
    screen.addEventListener('ended', () => void this.stopScreen());
    if (this.camera) stream.removeTrack(this.camera);
    stream.addTrack(screen);
    await this.sendVideo(screen);
    this.changed();
  }

  /** Stops sharing the screen and goes back to the camera (or to voice when the camera was off). */
  async stopScreen(): Promise<void> {
    const screen = this.screen;
    if (!screen) return;
    this.screen = null;
    screen.stop();
    this.stream?.removeTrack(screen);
    if (this.camera) this.stream?.addTrack(this.camera);
    if (!this.closed) await this.sendVideo(this.camera);
    this.changed();
  }

  /** Moves to the next camera (front/back on phones). */
  async switchCamera(): Promise<void> {
    const current = this.camera;
    if (!current) return;
    const cameras = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    if (cameras.length < 2) return;
    const index = cameras.findIndex((d) => d.deviceId === current.getSettings().deviceId);
    const next = cameras[(index + 1) % cameras.length];
    if (!next) return;
    // Phones cannot open two cameras at once: release this one first.
    current.stop();
    const camera = (
      await navigator.mediaDevices.getUserMedia({ video: { deviceId: { exact: next.deviceId } } })
    ).getVideoTracks()[0];
    if (!camera) return;
    camera.enabled = !this.cameraOff;
    this.camera = camera;
    if (this.screen) return;
    this.stream?.removeTrack(current);
    this.stream?.addTrack(camera);
    await this.sendVideo(camera);
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    if (this.microphone) this.microphone.enabled = !muted;
    this.changed();
  }

  /** Sends black frames instead of the camera, without renegotiating. */
  setCameraOff(off: boolean): void {
    this.cameraOff = off;
    if (this.camera) this.camera.enabled = !off;
    this.changed();
  }

  mediaState(): CallMediaState {
    return {
      audio: this.microphone?.readyState === 'live' && !this.muted,
      video: this.camera?.readyState === 'live' && !this.cameraOff,
      screen: this.screen !== null,
    };
  }

  /** New ICE candidates (network changed); also done on the window's `online` event and when the connection fails. */
  restartIce(): void {
    if (this.closed || !this.pc.remoteDescription) return;
    void (async () => {
      // An offer the other side never answered (it was away) would hold the restart back.
      if (this.pc.signalingState === 'have-local-offer') {
        await this.pc.setLocalDescription({ type: 'rollback' }).catch(() => undefined);
      }
      this.pc.restartIce();
    })();
  }

  /** A getStats() summary since the previous call (the first one: since the media connected). */
  async quality(): Promise<CallQuality> {
    const summary = summarizeStats(await this.readStats(), this.statsSample);
    this.statsSample = summary.sample;
    return summary.quality;
  }

  /** The raw getStats() entries, e.g. for tests that read `framesDecoded` of each stream. */
  async readStats(): Promise<StatLike[]> {
    const entries: StatLike[] = [];
    (await this.pc.getStats()).forEach((stat: StatLike) => {
      entries.push(stat);
    });
    return entries;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.holdTimer);
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onOnline);
    for (const track of [this.microphone, this.camera, this.screen]) track?.stop();
    this.pc.close();
  }

  private changed(): void {
    if (!this.closed) this.options.onLocalChange?.(this.mediaState());
  }

  private ensureStream(): MediaStream {
    if (!this.stream) this.stream = new MediaStream();
    return this.stream;
  }

  /** Puts `track` on the video sender (reusing the video transceiver), or stops sending video when null. */
  private async sendVideo(track: MediaStreamTrack | null): Promise<void> {
    const transceiver = this.pc
      .getTransceivers()
      .find((t) => t.receiver.track.kind === 'video' && t.currentDirection !== 'stopped');
    if (!transceiver) {
      if (track) this.pc.addTrack(track, this.ensureStream());
      return;
    }
    await transceiver.sender.replaceTrack(track);
    const receiving = transceiver.direction === 'sendrecv' || transceiver.direction === 'recvonly';
    transceiver.direction = track ? (receiving ? 'sendrecv' : 'sendonly') : receiving ? 'recvonly' : 'inactive';
  }

  private addRemoteTrack(track: MediaStreamTrack): void {
    // One track per kind: a renegotiated transceiver replaces what came before it.
    for (const old of this.remoteStream.getTracks()) {
      if (old.kind === track.kind && old !== track) this.remoteStream.removeTrack(old);
    }
    if (!this.remoteStream.getTrackById(track.id)) this.remoteStream.addTrack(track);
    track.addEventListener('ended', () => {
      this.remoteStream.removeTrack(track);
      this.options.onRemoteStream(this.remoteStream);
    });
    this.options.onRemoteStream(this.remoteStream);
  }

  private async negotiate(): Promise<void> {
    if (this.closed) return;
    if (this.holdOffer && !this.pc.remoteDescription) {
      // Wait for the other side's offer; offer ourselves only if none comes.
      this.holdTimer ??= setTimeout(() => {
        this.holdOffer = false;
        if (!this.pc.remoteDescription && this.pc.signalingState === 'stable') void this.negotiate();
      }, this.options.awaitOfferMs ?? 4_000);
      return;
    }
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      const description = this.pc.localDescription;
      this.offeredAt = Date.now();
      if (description) this.options.sendSignal({ description: description.toJSON() });
    } catch {
      // A collision rolled the offer back; the other side's offer wins and negotiation runs again if needed.
    } finally {
      this.makingOffer = false;
    }
  }

  private async applySignal({ description, candidate }: CallSignal): Promise<void> {
    if (this.closed) return;
    const pc = this.pc;
    if (description) {
      const readyForOffer = !this.makingOffer && (pc.signalingState === 'stable' || this.settingRemoteAnswer);
      const collision = description.type === 'offer' && !readyForOffer;
      // An offer of ours unanswered for seconds was lost (sent while the other side had no socket in the call):
      // even the impolite side takes the other's offer then, or both would wait for ever.
      const lost = pc.signalingState === 'have-local-offer' && Date.now() - this.offeredAt > LOST_OFFER_MS;
      this.ignoreOffer = !this.options.polite && collision && !(lost && !this.makingOffer);
      if (this.ignoreOffer) return;
      // An answer to an offer rolled back meanwhile (restartIce) has nothing to answer.
      if (description.type === 'answer' && pc.signalingState !== 'have-local-offer') return;
      this.settingRemoteAnswer = description.type === 'answer';
      try {
        await pc.setRemoteDescription(description);
      } finally {
        this.settingRemoteAnswer = false;
      }
      if (description.type === 'offer') {
        await pc.setLocalDescription();
        const answer = pc.localDescription;
        if (answer) this.options.sendSignal({ description: answer.toJSON() });
      }
      return;
    }
    if (candidate) {
      try {
        await pc.addIceCandidate(candidate);
      } catch (error) {
        if (!this.ignoreOffer) throw error;
      }
    }
  }

  private async takeBaseline(): Promise<void> {
    try {
      this.statsSample ??= summarizeStats(await this.readStats(), null).sample;
    } catch {
      // Closed meanwhile: quality() starts from zero.
    }
  }
}
