import { randomBytes } from 'node:crypto';
import {
  createPublisherPeer,
  createViewerPeer,
  type IceSettings,
  type PublisherPeer,
  type ViewerPeer,
} from './peers.js';
import { isRtp, PacketCache, readFeedback, StreamRewriter, withPayloadType } from './rtp.js';
import { DEFAULT_CODECS, type MediaKind, type RoomCodecs } from './sdp.js';

/** At most one keyframe request to the publisher per this long, however many viewers ask. */
export const KEYFRAME_REQUEST_INTERVAL_MS = 400;
const REMB_INTERVAL_MS = 1_000;
/** How often viewers get a sender report per stream (what they sync audio and video by). */
const SENDER_REPORT_INTERVAL_MS = 1_000;

export type CascadeAddress = { host: string; port: number };

/** What a room needs from its process: ICE settings, the cascade link, counters. */
export type RoomHost = {
  ice: IceSettings;
  /** Sends an RTP packet (already rewritten) to a relay process subscribed to the room. */
  sendToRelay: (to: CascadeAddress, roomId: string, kind: MediaKind, packet: Buffer) => void;
  /** A relay room asks its origin for a keyframe. */
  requestKeyframeFromOrigin: (origin: CascadeAddress, roomId: string) => void;
  countForwarded: (packets: number) => void;
  /** The room has nothing left (no publisher, viewers or relays): the process may drop it. */
  onIdle: (roomId: string) => void;
  log: (msg: string, fields?: Record<string, unknown>) => void;
};

type Viewer = { key: string; peer: ViewerPeer };
type Relay = { address: CascadeAddress; lastSeen: number };

const randomSsrc = () => randomBytes(4).readUInt32BE(0) || 1;

/**
 * One live room on this process: the publisher's stream (from its peer connection on the origin, or from the
 * origin over the cascade link on a relay) forwarded to every viewer here and to subscribed relay processes.
 */
export class Room {
  codecs: RoomCodecs = structuredClone(DEFAULT_CODECS);
  bitrateCapKbps = 1500;
  /** Set on a relay: where the room's stream comes from. */
  origin: CascadeAddress | undefined;
  keyframeRequests = 0;
  forwardedPackets = 0;
  private publisher: PublisherPeer | undefined;
  private readonly viewers = new Map<string, Viewer>();
  private readonly relays = new Map<string, Relay>();
  private readonly ssrc = { audio: randomSsrc(), video: randomSsrc() };
  private rewriters: Record<MediaKind, StreamRewriter>;
  private readonly cache = new PacketCache();
  private lastKeyframeRequestAt = 0;
  private keyframeTimer: NodeJS.Timeout | undefined;
  private rembTimer: NodeJS.Timeout | undefined;
  private readonly reportedAt: Record<MediaKind, number> = { audio: 0, video: 0 };
  private closed = false;

  constructor(
    readonly id: string,
    private readonly host: RoomHost,
  ) {
    this.rewriters = this.makeRewriters();
  }

  /** After the room's codecs changed (a relay learns them from its origin). */
  resetRewriters() {
    this.rewriters = this.makeRewriters();
  }

  hasViewer(viewerKey: string) {
    return this.viewers.has(viewerKey);
  }

  private makeRewriters(): Record<MediaKind, StreamRewriter> {
    return {
      audio: new StreamRewriter(this.ssrc.audio, this.codecs.audio.payloadType, this.codecs.audio.clockRate),
      video: new StreamRewriter(this.ssrc.video, this.codecs.video.payloadType, this.codecs.video.clockRate),
    };
  }

  get viewerCount() {
    return this.viewers.size;
  }

  get publishing() {
    return this.publisher !== undefined;
  }

  get isRelay() {
    return this.origin !== undefined;
  }

  /** Relays fed by this room (as origin). */
  get relayCount() {
    return this.relays.size;
  }

  async publish(offerSdp: string, bitrateCapKbps: number): Promise<string> {
    if (this.isRelay) throw new Error('this process relays the room; publish on its origin');
    this.bitrateCapKbps = bitrateCapKbps;
    const previous = this.publisher;
    // Callbacks can fire before the answer is ready; they act only once this peer is the room's publisher.
    let current: PublisherPeer | undefined;
    const isCurrent = () => current !== undefined && this.publisher === current;
    const peer = await createPublisherPeer(
      `pub-${this.id}`,
      offerSdp,
      this.host.ice,
      (kind, packet) => {
        if (isCurrent()) this.forward(kind, packet);
      },
      (state) => {
        if ((state === 'failed' || state === 'closed') && isCurrent()) this.dropPublisher();
        if (state === 'connected' && isCurrent()) this.sendRemb();
      },
    );
    current = peer;
    if (this.closed) {
      peer.pc.close();
      throw new Error('the room was closed');
    }
    this.adoptCodecs(peer);
    this.publisher = peer;
    previous?.pc.close();
    this.rembTimer ??= setInterval(() => this.sendRemb(), REMB_INTERVAL_MS);
    return peer.answerSdp;
  }

  /** The first publisher (with no viewer yet) sets the room's payload types; a republish keeps them. */
  private adoptCodecs(peer: PublisherPeer) {
    if (this.viewers.size > 0 || this.relays.size > 0) {
      for (const kind of ['audio', 'video'] as const) {
        const codec = peer.codecs[kind];
        if (codec && codec.name.toUpperCase() !== this.codecs[kind].name.toUpperCase()) {
          this.host.log('republished with another codec: viewers must resubscribe', { roomId: this.id, kind });
        }
      }
      return;
    }
    for (const kind of ['audio', 'video'] as const) {
      const codec = peer.codecs[kind];
      if (codec) this.codecs[kind] = { ...codec };
    }
    this.rewriters = this.makeRewriters();
  }

  private sendRemb() {
    const track = this.publisher?.video();
    // libdatachannel aborts the process (uncaught C++ exception) on RTCP sent through a track that is not open.
    if (!track?.isOpen()) return;
    try {
      track.requestBitrate(this.bitrateCapKbps * 1000);
    } catch {
      // The track closed between two timer ticks; the state callback drops the publisher.
    }
  }

  unpublish() {
    this.dropPublisher();
  }

  private dropPublisher() {
    const peer = this.publisher;
    this.publisher = undefined;
    if (this.rembTimer) clearInterval(this.rembTimer);
    this.rembTimer = undefined;
    peer?.pc.close();
    this.checkIdle();
  }

  /** Rewrites once, then the same buffer goes to every viewer (a copy only for a viewer numbering it otherwise). */
  forward(kind: MediaKind, packet: Buffer) {
    if (!isRtp(packet)) return;
    const rewriter = this.rewriters[kind];
    const seq = rewriter.rewrite(packet, Date.now());
    if (kind === 'video') this.cache.put(seq, packet);
    let sent = 0;
    let copies: Map<number, Buffer> | undefined;
    for (const viewer of this.viewers.values()) {
      const track = viewer.peer.tracks[kind];
      if (!track?.open) continue;
      let out = packet;
      if (track.payloadType !== rewriter.outPayloadType) {
        copies ??= new Map();
        out = copies.get(track.payloadType) ?? withPayloadType(packet, track.payloadType);
        copies.set(track.payloadType, out);
      }
      try {
        track.track.sendMessageBinary(out);
        sent++;
      } catch {
        track.open = false;
      }
    }
    for (const relay of this.relays.values()) {
      this.host.sendToRelay(relay.address, this.id, kind, packet);
      sent++;
    }
    this.forwardedPackets += sent;
    this.host.countForwarded(sent);
    const now = Date.now();
    if (now - this.reportedAt[kind] >= SENDER_REPORT_INTERVAL_MS) {
      this.reportedAt[kind] = now;
      const report = rewriter.senderReport(now);
      if (report) this.sendReport(kind, report);
    }
  }

  /** A sender report to every viewer here (a relay makes its own for its viewers). */
  private sendReport(kind: MediaKind, report: Buffer) {
    for (const viewer of this.viewers.values()) {
      const track = viewer.peer.tracks[kind];
      if (!track?.open) continue;
      try {
        track.track.sendMessageBinary(report);
      } catch {
        track.open = false;
      }
    }
  }

  async watch(viewerKey: string, offerSdp: string): Promise<string> {
    const previous = this.viewers.get(viewerKey);
    let viewer: Viewer | undefined;
    const peer = await createViewerPeer(
      `view-${this.id}-${viewerKey}`,
      offerSdp,
      this.host.ice,
      this.codecs,
      { cname: `warmdesk-${this.id}`, streamId: `live-${this.id}`, ssrc: this.ssrc },
      (kind, packet) => this.onViewerRtcp(kind, packet, viewer),
      (kind) => {
        // A viewer joining mid-stream needs a keyframe to show anything.
        if (kind === 'video') this.requestKeyframe();
      },
      (state) => {
        if ((state === 'failed' || state === 'closed') && viewer && this.viewers.get(viewerKey) === viewer) {
          this.leave(viewerKey);
        }
      },
    );
    if (this.closed) {
      peer.pc.close();
      throw new Error('the room was closed');
    }
    viewer = { key: viewerKey, peer };
    this.viewers.set(viewerKey, viewer);
    if (previous) previous.peer.pc.close();
    return peer.answerSdp;
  }

  private onViewerRtcp(kind: MediaKind, packet: Buffer, viewer: Viewer | undefined) {
    if (!viewer || isRtp(packet)) return;
    const feedback = readFeedback(packet);
    if (feedback.keyframe && kind === 'video') this.requestKeyframe();
    if (kind !== 'video' || feedback.nacks.length === 0) return;
    const track = viewer.peer.tracks.video;
    if (!track?.open) return;
    for (const seq of feedback.nacks.slice(0, 64)) {
      const cached = this.cache.get(seq);
      if (!cached) continue;
      const out =
        track.payloadType === this.rewriters.video.outPayloadType ? cached : withPayloadType(cached, track.payloadType);
      try {
        track.track.sendMessageBinary(out);
      } catch {
        return;
      }
    }
  }

  leave(viewerKey: string) {
    const viewer = this.viewers.get(viewerKey);
    if (!viewer) return;
    this.viewers.delete(viewerKey);
    viewer.peer.pc.close();
    this.checkIdle();
  }

  /** Coalesced: at most one request per KEYFRAME_REQUEST_INTERVAL_MS reaches the publisher (or the origin). */
  requestKeyframe() {
    if (this.keyframeTimer || this.closed) return;
    const wait = this.lastKeyframeRequestAt + KEYFRAME_REQUEST_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      this.sendKeyframeRequest();
      return;
    }
    this.keyframeTimer = setTimeout(() => {
      this.keyframeTimer = undefined;
      this.sendKeyframeRequest();
    }, wait);
  }

  private sendKeyframeRequest() {
    this.lastKeyframeRequestAt = Date.now();
    if (this.origin) {
      this.keyframeRequests++;
      this.host.requestKeyframeFromOrigin(this.origin, this.id);
      return;
    }
    const track = this.publisher?.video();
    if (!track?.isOpen()) return;
    try {
      if (track.requestKeyframe()) this.keyframeRequests++;
    } catch {
      // Closed track: nothing to ask.
    }
  }

  /** A relay process (re)subscribed to this room's stream. */
  subscribeRelay(address: CascadeAddress) {
    const key = `${address.host}:${address.port}`;
    const isNew = !this.relays.has(key);
    this.relays.set(key, { address, lastSeen: Date.now() });
    if (isNew) this.requestKeyframe();
  }

  unsubscribeRelay(address: CascadeAddress) {
    this.relays.delete(`${address.host}:${address.port}`);
    this.checkIdle();
  }

  /** Forgets relays that stopped renewing their subscription (the relay process died). */
  expireRelays(olderThanMs: number) {
    const cutoff = Date.now() - olderThanMs;
    for (const [key, relay] of this.relays) if (relay.lastSeen < cutoff) this.relays.delete(key);
    this.checkIdle();
  }

  private checkIdle() {
    if (!this.closed && !this.publisher && this.viewers.size === 0 && this.relays.size === 0) {
      this.host.onIdle(this.id);
    }
  }

  close() {
    this.closed = true;
    if (this.keyframeTimer) clearTimeout(this.keyframeTimer);
    this.keyframeTimer = undefined;
    const publisher = this.publisher;
    this.publisher = undefined;
    if (this.rembTimer) clearInterval(this.rembTimer);
    publisher?.pc.close();
    for (const viewer of this.viewers.values()) viewer.peer.pc.close();
    this.viewers.clear();
    this.relays.clear();
  }
}
