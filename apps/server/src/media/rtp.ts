/** RTP header rewriting and the few RTCP messages the SFU acts on (RFC 3550, RFC 4585, RFC 5104). */

export function isRtcp(packet: Buffer): boolean {
  if (packet.length < 2) return false;
  const pt = packet[1] ?? 0;
  return pt >= 192 && pt <= 223;
}

export function isRtp(packet: Buffer): boolean {
  return packet.length >= 12 && (packet[0] ?? 0) >> 6 === 2 && !isRtcp(packet);
}

export const rtpSequence = (packet: Buffer) => packet.readUInt16BE(2);
export const rtpTimestamp = (packet: Buffer) => packet.readUInt32BE(4);
export const rtpSsrc = (packet: Buffer) => packet.readUInt32BE(8);
export const rtpPayloadType = (packet: Buffer) => (packet[1] ?? 0) & 0x7f;

/**
 * Maps one incoming stream (the publisher's, which changes SSRC, numbering and clock on every republish) onto the
 * stable stream viewers see: one SSRC, one payload type, sequence numbers and timestamps that continue.
 */
export class StreamRewriter {
  private inSsrc: number | undefined;
  private seqOffset = 0;
  private tsOffset = 0;
  private lastOutSeq = 0;
  private lastOutTs = 0;
  private lastAt = 0;
  private started = false;
  private packets = 0;
  private octets = 0;

  constructor(
    readonly outSsrc: number,
    public outPayloadType: number,
    private readonly clockRate: number,
  ) {}

  /** Rewrites the header in place and returns the outgoing sequence number. */
  rewrite(packet: Buffer, now: number): number {
    const ssrc = rtpSsrc(packet);
    const seq = rtpSequence(packet);
    const ts = rtpTimestamp(packet);
    let fresh = false;
    if (ssrc !== this.inSsrc) {
      fresh = true;
      // A new source: continue after what viewers last got, the timestamp advanced by the wall-clock gap.
      this.inSsrc = ssrc;
      const nextSeq = this.started ? this.lastOutSeq + 1 : seq;
      const nextTs = this.started
        ? this.lastOutTs + Math.max(1, Math.round(((now - this.lastAt) * this.clockRate) / 1000))
        : ts;
      this.seqOffset = (nextSeq - seq) & 0xffff;
      this.tsOffset = (nextTs - ts) >>> 0;
      this.started = true;
    }
    const outSeq = (seq + this.seqOffset) & 0xffff;
    const outTs = (ts + this.tsOffset) >>> 0;
    // The newest packet so far (a reordered older one does not move the continuation point back).
    if (fresh || ((outSeq - this.lastOutSeq) & 0xffff) < 0x8000) {
      this.lastOutSeq = outSeq;
      this.lastOutTs = outTs;
      this.lastAt = now;
    }
    packet[1] = ((packet[1] ?? 0) & 0x80) | this.outPayloadType;
    packet.writeUInt16BE(outSeq, 2);
    packet.writeUInt32BE(outTs, 4);
    packet.writeUInt32BE(this.outSsrc, 8);
    this.packets++;
    this.octets += packet.length - 12;
    return outSeq;
  }

  /**
   * A sender report for viewers, made here: the publisher's own reports stop at libdatachannel's RTCP session.
   * It maps the wall clock to this stream's timestamps by when the newest packet arrived; with audio and video
   * mapped by the same clock, viewers play them in sync (off by the difference in their encoding delays, tens of
   * milliseconds). Undefined before the first packet.
   */
  senderReport(nowMs: number): Buffer | undefined {
    if (!this.started) return undefined;
    const out = Buffer.alloc(28);
    out[0] = 0x80;
    out[1] = SENDER_REPORT;
    out.writeUInt16BE(6, 2);
    out.writeUInt32BE(this.outSsrc, 4);
    const seconds = Math.floor(nowMs / 1000);
    out.writeUInt32BE((seconds + NTP_EPOCH_OFFSET_S) >>> 0, 8);
    out.writeUInt32BE(Math.floor(((nowMs - seconds * 1000) / 1000) * 2 ** 32) >>> 0, 12);
    out.writeUInt32BE((this.lastOutTs + Math.round(((nowMs - this.lastAt) * this.clockRate) / 1000)) >>> 0, 16);
    out.writeUInt32BE(this.packets >>> 0, 20);
    out.writeUInt32BE(this.octets >>> 0, 24);
    return out;
  }
}

const SENDER_REPORT = 200;
/** Seconds from 1900 (NTP) to 1970 (Unix). */
const NTP_EPOCH_OFFSET_S = 2_208_988_800;

/** A copy with another payload type, for a viewer that numbered the codec differently. */
export function withPayloadType(packet: Buffer, payloadType: number): Buffer {
  const copy = Buffer.from(packet);
  copy[1] = ((copy[1] ?? 0) & 0x80) | payloadType;
  return copy;
}

export type RtcpFeedback = { keyframe: boolean; nacks: number[] };

/** Reads a (compound) RTCP packet from a viewer: keyframe requests (PLI, FIR) and lost sequence numbers (NACK). */
export function readFeedback(packet: Buffer): RtcpFeedback {
  const result: RtcpFeedback = { keyframe: false, nacks: [] };
  let offset = 0;
  // A compound packet holds a handful of reports; 32 bounds a malformed one.
  for (let i = 0; i < 32 && offset + 4 <= packet.length; i++) {
    const first = packet[offset] ?? 0;
    const pt = packet[offset + 1] ?? 0;
    const length = (packet.readUInt16BE(offset + 2) + 1) * 4;
    if (first >> 6 !== 2 || offset + length > packet.length) break;
    const fmt = first & 0x1f;
    if (pt === 206 && (fmt === 1 || fmt === 4)) result.keyframe = true;
    if (pt === 205 && fmt === 1) {
      for (let at = offset + 12; at + 4 <= offset + length; at += 4) {
        const pid = packet.readUInt16BE(at);
        const blp = packet.readUInt16BE(at + 2);
        result.nacks.push(pid);
        for (let bit = 0; bit < 16; bit++) if (blp & (1 << bit)) result.nacks.push((pid + bit + 1) & 0xffff);
      }
    }
    offset += length;
  }
  return result;
}

/** Remembers the last video packets sent to viewers so a NACK is answered from here, not by the publisher. */
export class PacketCache {
  private readonly packets: (Buffer | undefined)[];

  constructor(private readonly size = 1024) {
    this.packets = new Array(size);
  }

  put(seq: number, packet: Buffer) {
    this.packets[seq % this.size] = packet;
  }

  get(seq: number): Buffer | undefined {
    const packet = this.packets[seq % this.size];
    return packet && rtpSequence(packet) === seq ? packet : undefined;
  }

  clear() {
    this.packets.fill(undefined);
  }
}
