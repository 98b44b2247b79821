import nodeDataChannel, { type PeerConnection, type RtcConfig, type Track } from 'node-datachannel';

/*
 * node-datachannel peers that stand in for a browser in tests and the benchmark's viewer bots: a publisher that
 * sends synthetic VP8/Opus RTP, and a viewer that counts what it receives (and loss, by sequence numbers).
 */

/** WARMDESK_MEDIA_BIND_ADDRESS=127.0.0.1 in a loopback-only network namespace (libjuice skips loopback otherwise). */
function rtcConfig(): RtcConfig {
  const bindAddress = process.env.WARMDESK_MEDIA_BIND_ADDRESS;
  return { iceServers: [], disableAutoNegotiation: true, ...(bindAddress ? { bindAddress } : {}) };
}

/** Every native object of an open peer, held until it closes: a collected wrapper silently stops its callbacks. */
const alive = new Set<unknown>();

function gathered(pc: PeerConnection): Promise<string> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      const sdp = pc.localDescription()?.sdp;
      if (sdp) resolve(sdp);
      else reject(new Error('no local description'));
    };
    const timer = setTimeout(done, 5_000);
    pc.onGatheringStateChange((state) => {
      if (state === 'complete') done();
    });
    pc.setLocalDescription();
    if (pc.gatheringState() === 'complete') done();
  });
}

/**
 * Applies the answer, then its candidates. On the offering side libdatachannel sometimes has no ICE transport yet
 * for candidates inside the answer ("Got a remote candidate without ICE transport"); added once the description
 * is in, they are taken (retried a few times, 20 ms apart).
 */
function acceptAnswer(pc: PeerConnection, answerSdp: string) {
  const lines = answerSdp.split(/\r?\n/);
  const candidates = lines.filter((l) => l.startsWith('a=candidate:')).map((l) => l.slice(2));
  const mid = /^a=mid:(\S+)/m.exec(answerSdp)?.[1] ?? '0';
  pc.setRemoteDescription(lines.filter((l) => !l.startsWith('a=candidate:')).join('\r\n'), 'answer');
  const pending = new Set(candidates);
  const add = (attempt: number) => {
    for (const candidate of [...pending]) {
      try {
        pc.addRemoteCandidate(candidate, mid);
        pending.delete(candidate);
      } catch {
        // Retried below.
      }
    }
    if (pending.size > 0 && attempt < 50) setTimeout(() => add(attempt + 1), 20);
  };
  add(0);
}

let warm: Promise<void> | undefined;

/**
 * libdatachannel sets up its shared state (DTLS certificate, threads) lazily; the first connection of a process,
 * made while that happens, often fails to connect. A throwaway offer first, once per process.
 */
export function warmUpNodeDataChannel(): Promise<void> {
  warm ??= (async () => {
    nodeDataChannel.preload();
    const pc = new nodeDataChannel.PeerConnection('warm-up', rtcConfig());
    const video = new nodeDataChannel.Video('0', 'RecvOnly');
    video.addVP8Codec(96);
    const track = pc.addTrack(video);
    await gathered(pc);
    await new Promise((r) => setTimeout(r, 200));
    track.close();
    pc.close();
  })();
  return warm;
}

export type NodePublisher = {
  offerSdp: string;
  accept: (answerSdp: string) => void;
  /** Starts sending: a video packet every 10 ms (a keyframe-sized burst on request), audio every 20 ms. */
  start: () => void;
  /** Keyframe requests (PLI/FIR) that reached this publisher. */
  keyframeRequests: () => number;
  close: () => void;
};

export async function createNodePublisher(name: string): Promise<NodePublisher> {
  await warmUpNodeDataChannel();
  const pc = new nodeDataChannel.PeerConnection(name, rtcConfig());
  const ssrc = {
    video: 0x1000 + Math.floor(Math.random() * 0xffff),
    audio: 0x20000 + Math.floor(Math.random() * 0xffff),
  };
  const video = new nodeDataChannel.Video('0', 'SendOnly');
  video.addVP8Codec(96);
  video.addSSRC(ssrc.video, name, `${name}-stream`, `${name}-video`);
  const audio = new nodeDataChannel.Audio('1', 'SendOnly');
  audio.addOpusCodec(111);
  audio.addSSRC(ssrc.audio, name, `${name}-stream`, `${name}-audio`);
  const tracks: Track[] = [pc.addTrack(video), pc.addTrack(audio)];
  const held = [pc, video, audio, tracks];
  alive.add(held);
  let keyframeRequests = 0;
  tracks[0]?.onMessage((msg) => {
    const pt = msg[1] ?? 0;
    if (pt === 206 && ((msg[0] ?? 0) & 0x1f) === 1) keyframeRequests++;
  });
  const offerSdp = await gathered(pc);
  let timer: NodeJS.Timeout | undefined;
  let seq = { video: 0, audio: 0 };
  let tick = 0;
  const packet = (kind: 'video' | 'audio', marker: boolean, size: number) => {
    const buf = Buffer.alloc(12 + size, 0x42);
    buf[0] = 0x80;
    buf[1] = (marker ? 0x80 : 0) | (kind === 'video' ? 96 : 111);
    seq[kind] = (seq[kind] + 1) & 0xffff;
    buf.writeUInt16BE(seq[kind], 2);
    buf.writeUInt32BE((tick * (kind === 'video' ? 900 : 480)) >>> 0, 4);
    buf.writeUInt32BE(ssrc[kind], 8);
    return buf;
  };
  return {
    offerSdp,
    accept: (answerSdp) => acceptAnswer(pc, answerSdp),
    start: () => {
      seq = { video: 0, audio: 0 };
      timer = setInterval(() => {
        tick++;
        try {
          if (tracks[0]?.isOpen()) tracks[0].sendMessageBinary(packet('video', true, 900));
          if (tick % 2 === 0 && tracks[1]?.isOpen()) tracks[1].sendMessageBinary(packet('audio', true, 120));
        } catch {
          // Closing.
        }
      }, 10);
    },
    keyframeRequests: () => keyframeRequests,
    close: () => {
      if (timer) clearInterval(timer);
      pc.close();
      alive.delete(held);
    },
  };
}

export type NodeViewer = {
  offerSdp: string;
  /** Video packets received and expected (by sequence numbers) since the last `resetWindow`. */
  window: () => { received: number; expected: number };
  resetWindow: () => void;
  accept: (answerSdp: string) => void;
  stats: () => { video: number; audio: number; lost: number; ssrcs: number[] };
  /** Sends a PLI to the SFU (as a browser does after loss). */
  requestKeyframe: () => boolean;
  close: () => void;
};

/** A receive-only viewer counting RTP packets per kind and gaps in the video sequence numbers. */
export async function createNodeViewer(name: string): Promise<NodeViewer> {
  await warmUpNodeDataChannel();
  const pc = new nodeDataChannel.PeerConnection(name, rtcConfig());
  const video = new nodeDataChannel.Video('0', 'RecvOnly');
  video.addVP8Codec(96);
  const audio = new nodeDataChannel.Audio('1', 'RecvOnly');
  audio.addOpusCodec(111);
  const videoTrack = pc.addTrack(video);
  const audioTrack = pc.addTrack(audio);
  const held = [pc, video, audio, videoTrack, audioTrack];
  alive.add(held);
  videoTrack.setMediaHandler(new nodeDataChannel.RtcpReceivingSession());
  const counts = { video: 0, audio: 0, lost: 0 };
  const ssrcs = new Set<number>();
  let lastSeq: number | undefined;
  // Extended (wrap-free) sequence numbers of the measurement window.
  const win = { received: 0, first: -1, highest: -1, cycles: 0 };
  videoTrack.onMessage((msg) => {
    if (msg.length < 12 || ((msg[1] ?? 0) >= 192 && (msg[1] ?? 0) <= 223)) return;
    counts.video++;
    ssrcs.add(msg.readUInt32BE(8));
    const seq = msg.readUInt16BE(2);
    if (lastSeq !== undefined && seq < 0x1000 && lastSeq > 0xf000) win.cycles++;
    const extended = win.cycles * 0x10000 + seq;
    win.received++;
    if (win.first < 0) win.first = extended;
    if (extended > win.highest) win.highest = extended;
    if (lastSeq !== undefined) {
      const gap = (seq - lastSeq) & 0xffff;
      if (gap > 1 && gap < 0x8000) counts.lost += gap - 1;
    }
    if (lastSeq === undefined || ((seq - lastSeq) & 0xffff) < 0x8000) lastSeq = seq;
  });
  audioTrack.onMessage((msg) => {
    if (msg.length >= 12 && !((msg[1] ?? 0) >= 192 && (msg[1] ?? 0) <= 223)) counts.audio++;
  });
  const offerSdp = await gathered(pc);
  return {
    offerSdp,
    accept: (answerSdp) => acceptAnswer(pc, answerSdp),
    stats: () => ({ ...counts, ssrcs: [...ssrcs] }),
    window: () => ({ received: win.received, expected: win.first < 0 ? 0 : win.highest - win.first + 1 }),
    resetWindow: () => {
      win.received = 0;
      win.first = -1;
      win.highest = -1;
    },
    requestKeyframe: () => (videoTrack.isOpen() ? videoTrack.requestKeyframe() : false),
    close: () => {
      pc.close();
      alive.delete(held);
    },
  };
}

/** Polls until `check` holds (bounded); returns whether it did. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}
