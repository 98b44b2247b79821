import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaClient } from './client.js';
import { MEDIA_SECRET_HEADER } from './control-schema.js';
import { spawnMedia } from './spawn.js';
import { createNodePublisher, createNodeViewer, eventually, type NodePublisher } from './testing/node-peers.js';

/* Two real SFU processes (forked as startServer does), node-datachannel peers as publisher and viewers. */

const SECRET = 'media-test-secret-0123456789';

function raw(url: string, path: string, body: string, secret = SECRET): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, {
      method: 'POST',
      headers: { [MEDIA_SECRET_HEADER]: secret, 'content-type': 'application/json' },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => {
        text += d.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('SFU processes', () => {
  let media: MediaClient;
  const cleanups: (() => void)[] = [];

  beforeAll(async () => {
    media = await spawnMedia({
      processes: 2,
      secret: SECRET,
      env: { WARMDESK_MEDIA_MAX_VIEWERS_PER_PROCESS: '1', WARMDESK_MEDIA_ICE: '[]' },
    });
  });

  afterAll(async () => {
    for (const c of cleanups) c();
    await media?.close();
  });

  async function publish(roomId: string): Promise<NodePublisher> {
    const publisher = await createNodePublisher(`pub-${roomId}`);
    cleanups.push(publisher.close);
    const { answerSdp } = await media.publish(roomId, publisher.offerSdp, { bitrateCapKbps: 800 });
    publisher.accept(answerSdp);
    publisher.start();
    return publisher;
  }

  async function watch(roomId: string, key: string) {
    const viewer = await createNodeViewer(`view-${key}`);
    cleanups.push(viewer.close);
    const { answerSdp } = await media.watch(roomId, key, viewer.offerSdp);
    viewer.accept(answerSdp);
    return viewer;
  }

  it('forwards the publisher to viewers on the origin and, past its limit, on a relay process', async () => {
    const roomId = 'room-cascade';
    const publisher = await publish(roomId);
    const first = await watch(roomId, 'viewer-1');
    const second = await watch(roomId, 'viewer-2');
    expect(await eventually(() => first.stats().video > 50 && second.stats().video > 50)).toBe(true);
    expect(second.stats().audio).toBeGreaterThan(0);

    const stats = await media.stats();
    expect(stats.map((s) => s.viewers).sort()).toEqual([1, 1]);
    expect(stats.filter((s) => s.publishers === 1)).toHaveLength(1);
    expect(stats.filter((s) => s.relayedRooms === 1)).toHaveLength(1);

    // Viewers' keyframe requests reach the publisher coalesced, through the relay too.
    const before = publisher.keyframeRequests();
    for (let i = 0; i < 20; i++) {
      first.requestKeyframe();
      second.requestKeyframe();
    }
    expect(await eventually(() => publisher.keyframeRequests() > before)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(publisher.keyframeRequests() - before).toBeLessThanOrEqual(3);

    // The first viewer leaving costs the second nothing.
    await media.leave(roomId, 'viewer-1');
    first.close();
    const atLeave = second.stats().video;
    expect(await eventually(() => second.stats().video > atLeave + 50)).toBe(true);
    expect((await media.stats()).reduce((n, s) => n + s.viewers, 0)).toBe(1);
  });

  it('keeps viewers connected with one stable stream when the host republishes', async () => {
    const roomId = 'room-republish';
    const firstPublisher = await publish(roomId);
    const viewer = await watch(roomId, 'steady');
    expect(await eventually(() => viewer.stats().video > 30)).toBe(true);
    await media.unpublish(roomId);
    firstPublisher.close();
    await publish(roomId);
    const atRepublish = viewer.stats().video;
    expect(await eventually(() => viewer.stats().video > atRepublish + 50)).toBe(true);
    expect(viewer.stats().ssrcs).toHaveLength(1);
    const viewersBefore = (await media.stats()).reduce((n, s) => n + s.viewers, 0);
    await media.closeRoom(roomId);
    expect((await media.stats()).reduce((n, s) => n + s.viewers, 0)).toBe(viewersBefore - 1);
  });

  it('answers bad control input with 400 or 401 and keeps serving', async () => {
    const url = media.urls[0] as string;
    expect((await raw(url, '/v1/watch', '{"roomId":"x"}')).status).toBe(400);
    expect((await raw(url, '/v1/watch', 'not json')).status).toBe(400);
    const badSdp = JSON.stringify({ roomId: 'x', viewerKey: 'k', offerSdp: 'v=0\r\nnot really an offer' });
    expect((await raw(url, '/v1/watch', badSdp)).status).toBe(400);
    const badRoom = JSON.stringify({ roomId: '../etc', offerSdp: 'v=0 xxxxxxxxxxxx', bitrateCapKbps: 10 });
    const res = await raw(url, '/v1/publish', badRoom);
    expect(res.status).toBe(400);
    expect(res.body).toContain('roomId');
    expect((await raw(url, '/v1/leave', '{}', 'wrong-secret')).status).toBe(401);
    expect(await media.stats()).toHaveLength(2);
  });
});

/** The SFU processes this test process forked, by pid. */
function sfuPids(): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(process.pid), '-f', 'media/main'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

describe('an SFU process that dies', () => {
  it('is started again on its port, and the room serves viewers again once the host republishes', async () => {
    const media = await spawnMedia({ processes: 1, secret: SECRET, env: { WARMDESK_MEDIA_ICE: '[]' } });
    const closers: (() => void)[] = [];
    try {
      const [pid] = sfuPids();
      expect(pid).toBeGreaterThan(0);
      process.kill(pid as number, 'SIGKILL');
      expect(await eventually(() => sfuPids().some((p) => p !== pid), 20_000)).toBe(true);
      const answers = () =>
        media.stats().then(
          (s) => s.length === 1,
          () => false,
        );
      expect(await eventually(answers, 20_000)).toBe(true);

      const publisher = await createNodePublisher('pub-after-restart');
      closers.push(publisher.close);
      publisher.accept((await media.publish('room-restart', publisher.offerSdp, { bitrateCapKbps: 800 })).answerSdp);
      publisher.start();
      const viewer = await createNodeViewer('view-after-restart');
      closers.push(viewer.close);
      viewer.accept((await media.watch('room-restart', 'v', viewer.offerSdp)).answerSdp);
      expect(await eventually(() => viewer.stats().video > 30)).toBe(true);
    } finally {
      for (const close of closers) close();
      await media.close();
    }
    expect(sfuPids()).toEqual([]);
  });
});
