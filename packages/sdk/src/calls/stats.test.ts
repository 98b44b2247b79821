import { describe, expect, it } from 'vitest';
import { type StatLike, summarizeStats } from './stats.js';

/** The parts of a Chromium getStats() report the summary reads (shapes as Chromium 140 reports them). */
function report(
  at: number,
  audio: { bytes: number; packets: number; lost: number },
  video: typeof audio & { frames: number },
  rtt?: number,
): StatLike[] {
  return [
    { id: 'T01', type: 'transport', timestamp: at, selectedCandidatePairId: 'CPa_b', dtlsState: 'connected' },
    {
      id: 'CPa_b',
      type: 'candidate-pair',
      timestamp: at,
      state: 'succeeded',
      nominated: true,
      ...(rtt === undefined ? {} : { currentRoundTripTime: rtt }),
    },
    { id: 'CPa_c', type: 'candidate-pair', timestamp: at, state: 'failed', nominated: false, currentRoundTripTime: 9 },
    {
      id: 'IT01A',
      type: 'inbound-rtp',
      kind: 'audio',
      timestamp: at,
      bytesReceived: audio.bytes,
      packetsReceived: audio.packets,
      packetsLost: audio.lost,
      jitter: 0.002,
    },
    {
      id: 'IT01V',
      type: 'inbound-rtp',
      kind: 'video',
      timestamp: at,
      bytesReceived: video.bytes,
      packetsReceived: video.packets,
      packetsLost: video.lost,
      framesDecoded: video.frames,
      framesPerSecond: 30,
    },
    { id: 'OT01A', type: 'outbound-rtp', kind: 'audio', timestamp: at, bytesSent: 999_999, packetsSent: 9_999 },
    { id: 'RIA', type: 'remote-inbound-rtp', kind: 'audio', timestamp: at, packetsLost: 50, roundTripTime: 0.5 },
  ];
}

describe('summarizeStats', () => {
  it('measures the received bitrate of audio and video over the time since the previous sample', () => {
    const first = summarizeStats(
      report(
        1_000,
        { bytes: 10_000, packets: 100, lost: 0 },
        { bytes: 90_000, packets: 300, lost: 0, frames: 60 },
        0.012,
      ),
      null,
    );
    const second = summarizeStats(
      report(
        11_000,
        { bytes: 50_000, packets: 600, lost: 0 },
        { bytes: 1_300_000, packets: 1_500, lost: 0, frames: 360 },
        0.02,
      ),
      first.sample,
    );
    // (40,000 + 1,210,000) bytes * 8 bits over 10 s = 1000 kbit/s
    expect(second.quality.bitrateKbps).toBe(1000);
    expect(second.quality.rttMs).toBe(20);
    expect(second.quality.framesDecoded).toBe(360);
    expect(second.quality.packetLossPct).toBe(0);
  });

  it('counts packet loss of the received streams only, as a percentage of the packets expected', () => {
    const before = summarizeStats(
      report(0, { bytes: 0, packets: 0, lost: 0 }, { bytes: 0, packets: 0, lost: 0, frames: 0 }),
      null,
    );
    const after = summarizeStats(
      report(5_000, { bytes: 1, packets: 480, lost: 20 }, { bytes: 1, packets: 1_440, lost: 60, frames: 10 }),
      before.sample,
    );
    expect(after.quality.packetLossPct).toBe(4);
    expect(after.quality.rttMs).toBeNull();
  });

  it('reports no bitrate without an earlier sample, and recovers when counters restart after a rejoin', () => {
    const first = summarizeStats(
      report(1_000, { bytes: 5_000, packets: 10, lost: 0 }, { bytes: 5_000, packets: 10, lost: 0, frames: 5 }),
      null,
    );
    expect(first.quality.bitrateKbps).toBe(0);
    const restarted = summarizeStats(
      report(3_000, { bytes: 500, packets: 5, lost: 1 }, { bytes: 0, packets: 0, lost: 0, frames: 0 }),
      {
        timestamp: 2_000,
        bytesReceived: 1_000_000,
        packetsReceived: 9_000,
        packetsLost: 10,
      },
    );
    expect(restarted.quality.bitrateKbps).toBe(4);
    expect(restarted.quality.packetLossPct).toBe(16.67);
    expect(restarted.quality.framesDecoded).toBe(0);
  });

  it('falls back to the nominated succeeded pair when no transport names the selected pair (Firefox uses `selected`)', () => {
    const stats: StatLike[] = [
      {
        id: 'p1',
        type: 'candidate-pair',
        timestamp: 1,
        state: 'succeeded',
        selected: true,
        currentRoundTripTime: 0.0456,
      },
    ];
    expect(summarizeStats(stats, null).quality.rttMs).toBe(46);
  });
});
