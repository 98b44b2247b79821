import { describe, expect, it } from 'vitest';
import { PacketCache, readFeedback, rtpSequence, rtpSsrc, rtpTimestamp, StreamRewriter } from './rtp.js';
import { parseSdp, SdpError, trimPublisherOffer, viewerPayloadType } from './sdp.js';

/** An offer shaped like Chromium's: VP8 with RTX, H264, transport-cc everywhere, Opus with RED. */
const CHROMIUM_OFFER = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1',
  'a=fingerprint:sha-256 AA:BB',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63',
  'a=mid:0',
  'a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
  'a=sendonly',
  'a=rtpmap:111 opus/48000/2',
  'a=rtcp-fb:111 transport-cc',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'a=rtpmap:63 red/48000/2',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 102',
  'a=mid:1',
  'a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
  'a=sendonly',
  'a=rtpmap:96 VP8/90000',
  'a=rtcp-fb:96 goog-remb',
  'a=rtcp-fb:96 transport-cc',
  'a=rtcp-fb:96 nack pli',
  'a=rtpmap:97 rtx/90000',
  'a=fmtp:97 apt=96',
  'a=rtpmap:102 H264/90000',
  'a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f',
  'a=ssrc-group:FID 1111 2222',
  'a=ssrc:1111 cname:x',
  'a=ssrc:2222 cname:x',
  '',
].join('\r\n');

function rtp(ssrc: number, seq: number, ts: number, pt = 96): Buffer {
  const b = Buffer.alloc(20);
  b[0] = 0x80;
  b[1] = pt;
  b.writeUInt16BE(seq, 2);
  b.writeUInt32BE(ts, 4);
  b.writeUInt32BE(ssrc, 8);
  return b;
}

const NTP_1970 = 2_208_988_800;

describe('sender reports for viewers', () => {
  it('map the wall clock to the viewers’ timestamps by when the newest packet arrived', () => {
    const video = new StreamRewriter(0xabc, 96, 90_000);
    expect(video.senderReport(0)).toBeUndefined();
    video.rewrite(rtp(1111, 10, 1000), 1_700_000_000_000);
    video.rewrite(rtp(1111, 11, 4000), 1_700_000_000_033);
    const out = video.senderReport(1_700_000_000_533);
    expect(out?.length).toBe(28);
    expect(out?.[1]).toBe(200);
    expect(out?.readUInt32BE(4)).toBe(0xabc);
    expect(out?.readUInt32BE(8)).toBe(1_700_000_000 + NTP_1970);
    // 533 ms into the second, as a 32-bit fraction
    expect(Math.round(((out?.readUInt32BE(12) ?? 0) / 2 ** 32) * 1000)).toBe(533);
    // 500 ms after the packet stamped 4000: 45,000 ticks of the 90 kHz clock later
    expect(out?.readUInt32BE(16)).toBe(4000 + 45_000);
    expect(out?.readUInt32BE(20)).toBe(2);
  });

  it('give audio and video one time line: the same instant maps to each stream’s own clock', () => {
    const audio = new StreamRewriter(0xa, 111, 48_000);
    const video = new StreamRewriter(0xb, 96, 90_000);
    audio.rewrite(rtp(1, 1, 960, 111), 10_000);
    video.rewrite(rtp(2, 1, 3000), 10_000);
    const a = audio.senderReport(11_000);
    const v = video.senderReport(11_000);
    expect(a?.readUInt32BE(8)).toBe(v?.readUInt32BE(8));
    expect(a?.readUInt32BE(16)).toBe(960 + 48_000);
    expect(v?.readUInt32BE(16)).toBe(3000 + 90_000);
  });
});

describe('publisher offer trimming', () => {
  it('keeps one codec per kind and drops transport-wide congestion control, RTX and RED', () => {
    const { sdp, codecs } = trimPublisherOffer(parseSdp(CHROMIUM_OFFER));
    expect(codecs.video?.name).toBe('VP8');
    expect(codecs.audio?.name).toBe('opus');
    expect(sdp).toContain('m=video 9 UDP/TLS/RTP/SAVPF 96\r\n');
    expect(sdp).toContain('m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n');
    expect(sdp).toContain('a=rtcp-fb:96 goog-remb');
    expect(sdp).not.toContain('transport-cc');
    expect(sdp).not.toContain('transport-wide-cc');
    expect(sdp).not.toContain('rtx');
    expect(sdp).not.toContain('red/48000');
    expect(sdp).not.toContain('ssrc-group');
  });

  it("finds the viewer's own payload type for the room's codec and rejects what is not SDP", () => {
    const video = parseSdp(CHROMIUM_OFFER).sections[1];
    if (!video) throw new Error('no video section');
    expect(viewerPayloadType(video, { name: 'VP8', clockRate: 90_000, fmtp: '', payloadType: 120 })).toBe(96);
    const h264 = {
      name: 'H264',
      clockRate: 90_000,
      fmtp: 'packetization-mode=1;profile-level-id=42e01f',
      payloadType: 100,
    };
    expect(viewerPayloadType(video, h264)).toBe(102);
    expect(() => parseSdp('hello')).toThrow(SdpError);
  });
});

describe('stream rewriting', () => {
  it('gives viewers one SSRC and continuous numbering across a republish', () => {
    const rewriter = new StreamRewriter(0xabcdef, 96, 90_000);
    const first = rtp(1, 65_534, 1000);
    rewriter.rewrite(first, 0);
    rewriter.rewrite(rtp(1, 65_535, 4000), 33);
    // The host republishes: another SSRC, numbering and clock.
    const next = rtp(2, 17, 999_999, 100);
    rewriter.rewrite(next, 1033);
    expect(rtpSsrc(next)).toBe(0xabcdef);
    expect(rtpSequence(next)).toBe(0);
    expect(rtpTimestamp(next)).toBe(4000 + 90_000);
    expect((next[1] ?? 0) & 0x7f).toBe(96);
    const after = rtp(2, 18, 1_002_999, 100);
    rewriter.rewrite(after, 1066);
    expect(rtpSequence(after)).toBe(1);
    expect(rtpTimestamp(after)).toBe(4000 + 90_000 + 3000);
  });

  it('reads keyframe requests and lost sequence numbers from compound RTCP', () => {
    const rr = Buffer.from([0x80, 201, 0, 1, 0, 0, 0, 1]);
    const pli = Buffer.from([0x81, 206, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2]);
    const nack = Buffer.from([0x81, 205, 0, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 10, 0b0000_0000, 0b0000_0101]);
    expect(readFeedback(Buffer.concat([rr, pli]))).toEqual({ keyframe: true, nacks: [] });
    expect(readFeedback(nack)).toEqual({ keyframe: false, nacks: [10, 11, 13] });
    expect(readFeedback(Buffer.from([0x80, 206, 0, 50]))).toEqual({ keyframe: false, nacks: [] });
  });

  it('answers a NACK only with the packet of that exact sequence number', () => {
    const cache = new PacketCache(4);
    const packet = rtp(1, 5, 0);
    cache.put(5, packet);
    expect(cache.get(5)).toBe(packet);
    expect(cache.get(9)).toBeUndefined();
  });
});
