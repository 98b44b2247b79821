import nodeDataChannel, { type PeerConnection, type RtcConfig, type Track } from 'node-datachannel';
import {
  advertiseAddress,
  type MediaKind,
  type ParsedSdp,
  parseSdp,
  type RoomCodec,
  type RoomCodecs,
  SdpError,
  trimPublisherOffer,
  viewerPayloadType,
} from './sdp.js';

/** How this process's peer connections gather: host candidates on the configured ports, advertised address. */
export type IceSettings = {
  iceServers: RtcConfig['iceServers'];
  portRangeBegin?: number;
  portRangeEnd?: number;
  publicIp?: string;
  /** Gather on this local address only (e.g. 127.0.0.1 in a loopback-only network namespace). */
  bindAddress?: string;
};

const GATHERING_TIMEOUT_MS = 5_000;

function rtcConfig(ice: IceSettings): RtcConfig {
  const config: RtcConfig = { iceServers: ice.iceServers, disableAutoNegotiation: true };
  if (ice.bindAddress) config.bindAddress = ice.bindAddress;
  if (ice.portRangeBegin && ice.portRangeEnd) {
    config.portRangeBegin = ice.portRangeBegin;
    config.portRangeEnd = ice.portRangeEnd;
  }
  return config;
}

/** Non-trickle signalling: the answer goes back only once it carries every candidate. */
function completeAnswer(pc: PeerConnection, ice: IceSettings): Promise<string> {
  return new Promise((resolve, reject) => {
    const finish = () => {
      clearTimeout(timer);
      const sdp = pc.localDescription()?.sdp;
      if (sdp) resolve(advertiseAddress(sdp, ice.publicIp));
      else reject(new Error('the peer connection made no answer'));
    };
    const timer = setTimeout(finish, GATHERING_TIMEOUT_MS);
    pc.onGatheringStateChange((state) => {
      if (state === 'complete') finish();
    });
    pc.setLocalDescription('answer');
    if (pc.gatheringState() === 'complete') finish();
  });
}

/** After this long the SFU starts its own connectivity checks (see `withDelayedCandidates`). */
const REMOTE_CANDIDATES_DELAY_MS = 300;

/**
 * Sets the offer without its candidates and adds them a moment after the answer went out. Checks from the SFU that
 * reach an offerer before it has applied the answer let the DTLS handshake start there too early: libdatachannel
 * offerers (the benchmark's viewer bots) then fail it ("certificate verify failed", no remote fingerprint yet).
 * Browsers check towards the SFU as soon as they have the answer, so they connect without waiting for this.
 */
function setOfferWithDelayedCandidates(pc: PeerConnection, offerSdp: string): () => void {
  const lines = offerSdp.split(/\r?\n/);
  const candidates = lines.filter((l) => l.startsWith('a=candidate:')).map((l) => l.slice(2));
  const mid = /^a=mid:(\S+)/m.exec(offerSdp)?.[1] ?? '0';
  pc.setRemoteDescription(lines.filter((l) => !l.startsWith('a=candidate:')).join('\r\n'), 'offer');
  return () => {
    setTimeout(() => {
      for (const candidate of candidates) {
        try {
          pc.addRemoteCandidate(candidate, mid);
        } catch {
          // Closed meanwhile, or a candidate libdatachannel cannot use: the others still count.
        }
      }
    }, REMOTE_CANDIDATES_DELAY_MS);
  };
}

/** Throws SdpError for anything that is not a browser-style offer (checked before any work is done for it). */
export function parseOffer(offerSdp: string): ParsedSdp {
  if (!/\r?\na=fingerprint:/.test(offerSdp)) throw new SdpError('the offer has no DTLS fingerprint');
  return parseSdp(offerSdp);
}

export type PublisherPeer = {
  pc: PeerConnection;
  answerSdp: string;
  codecs: Partial<Record<MediaKind, { payloadType: number; name: string; clockRate: number; fmtp: string }>>;
  /** The video track, for keyframe requests and REMB; set once the track exists. */
  video: () => Track | undefined;
  tracks: Track[];
};

/**
 * The host's connection: receive-only, one codec per kind, no transport-cc. Every RTP packet goes to `onPacket`;
 * libdatachannel's RTCP session answers sender reports and carries the SFU's PLI and REMB.
 */
export async function createPublisherPeer(
  name: string,
  offerSdp: string,
  ice: IceSettings,
  onPacket: (kind: MediaKind, packet: Buffer) => void,
  onState: (state: string) => void,
): Promise<PublisherPeer> {
  const trimmed = trimPublisherOffer(parseOffer(offerSdp));
  if (!trimmed.codecs.video && !trimmed.codecs.audio) throw new SdpError('the offer has no VP8, H264 or Opus');
  const pc = new nodeDataChannel.PeerConnection(name, rtcConfig(ice));
  let videoTrack: Track | undefined;
  // Held for the connection's lifetime: a garbage-collected wrapper silently stops delivering packets.
  const tracks: Track[] = [];
  pc.onStateChange(onState);
  pc.onTrack((track) => {
    tracks.push(track);
    const kind: MediaKind = track.type() === 'audio' ? 'audio' : 'video';
    track.setMediaHandler(new nodeDataChannel.RtcpReceivingSession());
    if (kind === 'video') videoTrack = track;
    track.onMessage((packet) => onPacket(kind, packet));
  });
  try {
    const addCandidates = setOfferWithDelayedCandidates(pc, trimmed.sdp);
    const answerSdp = await completeAnswer(pc, ice);
    addCandidates();
    return { pc, answerSdp, codecs: trimmed.codecs, video: () => videoTrack, tracks };
  } catch (err) {
    pc.close();
    throw err;
  }
}

export type ViewerTrack = { track: Track; payloadType: number; open: boolean };

export type ViewerPeer = {
  pc: PeerConnection;
  answerSdp: string;
  tracks: Partial<Record<MediaKind, ViewerTrack>>;
};

export type StreamIds = { cname: string; streamId: string; ssrc: Record<MediaKind, number> };

function sendingMedia(mid: string, kind: MediaKind, codec: RoomCodec, payloadType: number) {
  if (kind === 'audio') {
    const audio = new nodeDataChannel.Audio(mid, 'SendOnly');
    // The binding rejects an explicit undefined profile.
    if (codec.fmtp) audio.addOpusCodec(payloadType, codec.fmtp);
    else audio.addOpusCodec(payloadType);
    return audio;
  }
  const video = new nodeDataChannel.Video(mid, 'SendOnly');
  if (codec.name.toUpperCase() === 'H264' && codec.fmtp) video.addH264Codec(payloadType, codec.fmtp);
  else if (codec.fmtp) video.addVideoCodec(payloadType, codec.name, codec.fmtp);
  else video.addVideoCodec(payloadType, codec.name);
  return video;
}

/**
 * A viewer's connection: its recv-only offer answered send-only with the room's codecs under the viewer's own
 * payload type numbers, and one stable SSRC per kind (the same across republishes). RTCP from the viewer (PLI,
 * FIR, NACK) reaches `onRtcp`.
 */
export async function createViewerPeer(
  name: string,
  offerSdp: string,
  ice: IceSettings,
  codecs: RoomCodecs,
  ids: StreamIds,
  onRtcp: (kind: MediaKind, packet: Buffer) => void,
  onOpen: (kind: MediaKind) => void,
  onState: (state: string) => void,
): Promise<ViewerPeer> {
  const parsed = parseOffer(offerSdp);
  const pc = new nodeDataChannel.PeerConnection(name, rtcConfig(ice));
  const tracks: Partial<Record<MediaKind, ViewerTrack>> = {};
  pc.onStateChange(onState);
  try {
    const addCandidates = setOfferWithDelayedCandidates(pc, offerSdp);
    for (const section of parsed.sections) {
      if (section.kind === 'other' || tracks[section.kind]) continue;
      const kind = section.kind;
      const payloadType = viewerPayloadType(section, codecs[kind]);
      if (payloadType === undefined) continue;
      const media = sendingMedia(section.mid, kind, codecs[kind], payloadType);
      media.addSSRC(ids.ssrc[kind], ids.cname, ids.streamId, `${ids.streamId}-${kind}`);
      const track = pc.addTrack(media);
      const entry: ViewerTrack = { track, payloadType, open: false };
      track.onOpen(() => {
        entry.open = true;
        onOpen(kind);
      });
      track.onClosed(() => {
        entry.open = false;
      });
      track.onMessage((packet) => onRtcp(kind, packet));
      tracks[kind] = entry;
    }
    if (!tracks.video && !tracks.audio) throw new SdpError(`the offer cannot receive ${codecs.video.name} or Opus`);
    const answerSdp = await completeAnswer(pc, ice);
    addCandidates();
    return { pc, answerSdp, tracks };
  } catch (err) {
    pc.close();
    throw err;
  }
}
