/**
 * One non-trickle WebRTC link to the SFU: the offer is sent once ICE gathering is complete (every candidate is in
 * the SDP), and the SFU's answer is applied as is. Used for a viewer (recvonly audio + video) and a publisher
 * (sendonly tracks).
 */
export interface MediaLinkOptions {
  /** `[]` unless the server hands out ICE servers (the SFU's candidates are in its answer). */
  iceServers?: RTCIceServer[];
  /** Sends the complete offer and resolves with the answer's SDP (`live:watch` or `live:publish`). */
  signal: (offerSdp: string) => Promise<string>;
  /** The remote stream (viewers) once a track arrives. */
  onStream?: (stream: MediaStream) => void;
  /** The connection's state changed ('connected', 'failed', 'closed'...). */
  onState?: (state: RTCPeerConnectionState) => void;
  /** How long to wait for ICE gathering before sending what was gathered, ms (default 5 000). */
  gatherTimeoutMs?: number;
}

export type MediaLinkSetup = { receive: true } | { send: MediaStream };

/** Waits until the connection has gathered every ICE candidate (or the timeout passed). */
export function iceGatheringComplete(pc: RTCPeerConnection, timeoutMs: number): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    };
    const check = () => {
      if (pc.iceGatheringState === 'complete') done();
    };
    const timer = setTimeout(done, timeoutMs);
    pc.addEventListener('icegatheringstatechange', check);
  });
}

export class MediaLink {
  readonly pc: RTCPeerConnection;
  private closed = false;

  constructor(private readonly options: MediaLinkOptions) {
    this.pc = new RTCPeerConnection({ iceServers: options.iceServers ?? [] });
    this.pc.addEventListener('track', (event) => {
      const stream = event.streams[0] ?? new MediaStream([event.track]);
      this.remote = this.remote ?? stream;
      if (this.remote !== stream) this.remote.addTrack(event.track);
      options.onStream?.(this.remote);
    });
    this.pc.addEventListener('connectionstatechange', () => {
      if (!this.closed) options.onState?.(this.pc.connectionState);
    });
  }

  private remote: MediaStream | null = null;

  /** Adds the transceivers, sends the complete offer and applies the answer. */
  async start(setup: MediaLinkSetup): Promise<void> {
    if ('receive' in setup) {
      this.pc.addTransceiver('audio', { direction: 'recvonly' });
      this.pc.addTransceiver('video', { direction: 'recvonly' });
    } else {
      for (const track of setup.send.getTracks()) this.pc.addTransceiver(track, { direction: 'sendonly' });
    }
    await this.pc.setLocalDescription(await this.pc.createOffer());
    await iceGatheringComplete(this.pc, this.options.gatherTimeoutMs ?? 5_000);
    const offer = this.pc.localDescription?.sdp ?? '';
    const answer = await this.options.signal(offer);
    if (this.closed) return;
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answer });
  }

  /** Video frames decoded so far (viewers), 0 before any. */
  async framesDecoded(): Promise<number> {
    let frames = 0;
    const report = await this.pc.getStats();
    report.forEach((stat: { type?: string; kind?: string; framesDecoded?: number }) => {
      if (stat.type === 'inbound-rtp' && stat.kind === 'video') frames += stat.framesDecoded ?? 0;
    });
    return frames;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pc.close();
  }
}
