/**
 * Just enough SDP for the SFU: read the m-sections of a browser's offer, pick the codec the room forwards, and
 * trim the publisher's offer so the answer libdatachannel derives from it negotiates only what the SFU handles.
 */

export type MediaKind = 'audio' | 'video';

export type RoomCodec = {
  /** `VP8`, `H264` or `opus`. */
  name: string;
  clockRate: number;
  /** The fmtp line's parameters (H264 profile, Opus options); '' when none. */
  fmtp: string;
  /** The payload type the room sends to viewers (viewers that offered another number get it rewritten). */
  payloadType: number;
};

export type RoomCodecs = { audio: RoomCodec; video: RoomCodec };

/** Chromium's usual numbers, used until a publisher has said otherwise. */
export const DEFAULT_CODECS: RoomCodecs = {
  video: { name: 'VP8', clockRate: 90_000, fmtp: '', payloadType: 96 },
  audio: { name: 'opus', clockRate: 48_000, fmtp: 'minptime=10;useinbandfec=1', payloadType: 111 },
};

type OfferedCodec = { payloadType: number; name: string; clockRate: number; fmtp: string };

export type MediaSection = {
  kind: MediaKind | 'other';
  mid: string;
  codecs: OfferedCodec[];
  /** The section's lines, the `m=` line first. */
  lines: string[];
};

export type ParsedSdp = { session: string[]; sections: MediaSection[] };

export class SdpError extends Error {}

export function parseSdp(sdp: string): ParsedSdp {
  const lines = sdp.split(/\r?\n/).filter((l) => l.length > 0);
  if (!lines[0]?.startsWith('v=0')) throw new SdpError('not an SDP (must start with v=0)');
  const session: string[] = [];
  const sections: MediaSection[] = [];
  let current: MediaSection | undefined;
  for (const line of lines) {
    if (line.startsWith('m=')) {
      const kind = line.slice(2).split(' ')[0];
      current = { kind: kind === 'audio' || kind === 'video' ? kind : 'other', mid: '', codecs: [], lines: [line] };
      sections.push(current);
      continue;
    }
    if (!current) {
      session.push(line);
      continue;
    }
    current.lines.push(line);
    if (line.startsWith('a=mid:')) current.mid = line.slice(6).trim();
    const rtpmap = /^a=rtpmap:(\d+) ([\w-]+)\/(\d+)/.exec(line);
    if (rtpmap) {
      current.codecs.push({
        payloadType: Number(rtpmap[1]),
        name: rtpmap[2] ?? '',
        clockRate: Number(rtpmap[3]),
        fmtp: '',
      });
    }
    const fmtp = /^a=fmtp:(\d+) (.*)$/.exec(line);
    if (fmtp) {
      const codec = current.codecs.find((c) => c.payloadType === Number(fmtp[1]));
      if (codec) codec.fmtp = fmtp[2] ?? '';
    }
  }
  if (sections.length === 0) throw new SdpError('the SDP has no media section');
  for (const s of sections) if (!s.mid) throw new SdpError('every media section needs an a=mid');
  return { session, sections };
}

function fmtpParam(fmtp: string, key: string): string | undefined {
  for (const part of fmtp.split(';')) {
    const [k, v] = part.split('=');
    if (k?.trim() === key) return v?.trim();
  }
  return undefined;
}

/** H264 that every browser decodes: packetization-mode 1, constrained baseline preferred. */
function h264Rank(codec: OfferedCodec): number {
  if (fmtpParam(codec.fmtp, 'packetization-mode') !== '1') return -1;
  const profile = fmtpParam(codec.fmtp, 'profile-level-id')?.toLowerCase() ?? '';
  return profile.startsWith('42e0') ? 2 : profile.startsWith('4200') ? 1 : 0;
}

/** The publisher's codec for a section: VP8 first (every browser has it), then H264, Opus for audio. */
export function choosePublisherCodec(section: MediaSection): OfferedCodec | undefined {
  if (section.kind === 'audio') return section.codecs.find((c) => c.name.toLowerCase() === 'opus');
  if (section.kind !== 'video') return undefined;
  const vp8 = section.codecs.find((c) => c.name.toUpperCase() === 'VP8');
  if (vp8) return vp8;
  const h264 = section.codecs
    .filter((c) => c.name.toUpperCase() === 'H264' && h264Rank(c) >= 0)
    .sort((a, b) => h264Rank(b) - h264Rank(a));
  return h264[0];
}

/** The viewer's payload type for the room's codec, or undefined when the viewer cannot decode it. */
export function viewerPayloadType(section: MediaSection, codec: RoomCodec): number | undefined {
  const name = codec.name.toUpperCase();
  const candidates = section.codecs.filter((c) => c.name.toUpperCase() === name && c.clockRate === codec.clockRate);
  if (name !== 'H264') return candidates[0]?.payloadType;
  const profile = fmtpParam(codec.fmtp, 'profile-level-id')?.slice(0, 4).toLowerCase();
  const compatible = candidates.filter(
    (c) =>
      fmtpParam(c.fmtp, 'packetization-mode') === '1' &&
      fmtpParam(c.fmtp, 'profile-level-id')?.slice(0, 4).toLowerCase() === profile,
  );
  return compatible[0]?.payloadType;
}

const TRANSPORT_CC = /transport-wide-cc-extensions/;

/**
 * The publisher's offer cut down to one codec per section and no transport-wide congestion control: with
 * transport-cc negotiated but never answered, Chromium's send bitrate collapses; with only goog-remb it follows the
 * REMB the SFU sends (the room's cap). RTX, RED and FEC go too (the SFU neither repairs nor forwards them).
 */
export function trimPublisherOffer(parsed: ParsedSdp): {
  sdp: string;
  codecs: Partial<Record<MediaKind, OfferedCodec>>;
} {
  const codecs: Partial<Record<MediaKind, OfferedCodec>> = {};
  const out = [...parsed.session];
  for (const section of parsed.sections) {
    const chosen = choosePublisherCodec(section);
    if (!chosen || section.kind === 'other' || codecs[section.kind]) {
      // Nothing the room forwards: keep the section but reject it (port 0), as an answer must keep every m-line.
      const [m, ...rest] = section.lines;
      out.push((m ?? '').replace(/^(m=\S+) \d+/, '$1 0'), ...rest.filter((l) => !l.startsWith('a=ssrc')));
      continue;
    }
    codecs[section.kind] = chosen;
    const pt = String(chosen.payloadType);
    const [m, ...rest] = section.lines;
    const mParts = (m ?? '').split(' ');
    out.push([...mParts.slice(0, 3), pt].join(' '));
    for (const line of rest) {
      const ptLine = /^a=(rtpmap|fmtp|rtcp-fb):(\d+|\*) ?(.*)$/.exec(line);
      if (ptLine) {
        if (ptLine[2] !== pt && ptLine[2] !== '*') continue;
        if (ptLine[1] === 'rtcp-fb' && ptLine[3]?.startsWith('transport-cc')) continue;
      }
      if (line.startsWith('a=extmap:') && TRANSPORT_CC.test(line)) continue;
      if (line.startsWith('a=ssrc-group:')) continue;
      out.push(line);
    }
  }
  return { sdp: `${out.join('\r\n')}\r\n`, codecs };
}

/** Adds a host candidate with the advertised (public) address beside each host candidate of an answer. */
export function advertiseAddress(sdp: string, publicIp: string | undefined): string {
  if (!publicIp) return sdp;
  const lines = sdp.split(/\r?\n/);
  const out: string[] = [];
  for (const line of lines) {
    out.push(line);
    const m = /^a=candidate:(\S+) (\d+) (\S+) (\d+) (\S+) (\d+) typ host(.*)$/.exec(line);
    if (m && m[5] !== publicIp) {
      out.push(`a=candidate:${m[1]}9 ${m[2]} ${m[3]} ${Number(m[4]) + 1} ${publicIp} ${m[6]} typ host${m[7]}`);
    }
  }
  return out.join('\r\n');
}
