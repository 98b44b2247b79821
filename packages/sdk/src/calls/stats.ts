import type { CallQuality } from '@warmdesk/protocol';

/** One entry of an RTCStatsReport, read loosely: browsers differ in which fields they fill. */
export interface StatLike {
  type: string;
  id: string;
  timestamp: number;
  [field: string]: unknown;
}

/** Cumulative receive counters at one moment; the next summary measures the change since it. */
export interface StatsSample {
  timestamp: number;
  bytesReceived: number;
  packetsReceived: number;
  packetsLost: number;
}

export interface StatsSummary {
  quality: CallQuality;
  sample: StatsSample;
}

function num(stat: StatLike | undefined, field: string): number {
  const value = stat?.[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** The candidate pair media flows over: the transport's selected pair, else a nominated succeeded one. */
function selectedPair(stats: StatLike[]): StatLike | undefined {
  const byId = new Map(stats.map((s) => [s.id, s]));
  for (const s of stats) {
    if (s.type === 'transport' && typeof s.selectedCandidatePairId === 'string') {
      const pair = byId.get(s.selectedCandidatePairId);
      if (pair) return pair;
    }
  }
  return stats.find(
    (s) => s.type === 'candidate-pair' && (s.selected === true || (s.nominated === true && s.state === 'succeeded')),
  );
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Summarises a getStats() report into a CallQuality: received bitrate (audio + video) and packet loss over the
 * time since `previous` (cumulative since the start when there is none), the selected pair's current round-trip
 * time, and the video frames decoded so far.
 */
export function summarizeStats(stats: Iterable<StatLike>, previous: StatsSample | null): StatsSummary {
  const list = [...stats];
  const inbound = list.filter((s) => s.type === 'inbound-rtp');
  const timestamp = Math.max(0, ...list.map((s) => num(s, 'timestamp')));
  const sample: StatsSample = {
    timestamp,
    bytesReceived: inbound.reduce((sum, s) => sum + num(s, 'bytesReceived'), 0),
    packetsReceived: inbound.reduce((sum, s) => sum + num(s, 'packetsReceived'), 0),
    packetsLost: inbound.reduce((sum, s) => sum + num(s, 'packetsLost'), 0),
  };
  const base = previous ?? { timestamp: 0, bytesReceived: 0, packetsReceived: 0, packetsLost: 0 };
  const elapsedMs = previous ? timestamp - previous.timestamp : 0;
  // Counters restart when a side rejoins with a fresh connection: a counter that went back measures from zero.
  const delta = (now: number, before: number) => Math.max(0, now >= before ? now - before : now);
  const bytes = delta(sample.bytesReceived, base.bytesReceived);
  const received = delta(sample.packetsReceived, base.packetsReceived);
  const lost = delta(sample.packetsLost, base.packetsLost);
  const rtt = selectedPair(list)?.currentRoundTripTime;
  const framesDecoded = inbound.filter((s) => s.kind === 'video').reduce((sum, s) => sum + num(s, 'framesDecoded'), 0);
  return {
    sample,
    quality: {
      // bytes * 8 / ms = kbit/s
      bitrateKbps: elapsedMs > 0 ? Math.min(1_000_000, round((bytes * 8) / elapsedMs, 1)) : 0,
      packetLossPct: received + lost > 0 ? Math.min(100, round((lost / (received + lost)) * 100, 2)) : 0,
      rttMs: typeof rtt === 'number' && Number.isFinite(rtt) ? Math.min(600_000, Math.round(rtt * 1000)) : null,
      framesDecoded: Math.round(framesDecoded),
    },
  };
}
