import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, MEDIA_FLAGS } from '../../../widget/test/browser.js';
import { startTestServer, type TestServer, WITH_MEDIA } from '../../test/harness.js';
import {
  acceptAnswer,
  blankPageServer,
  cameraOffer,
  framesDecoded,
  senderReportKinds,
  sendStats,
  viewerOffer,
} from './testing/browser-peers.js';
import { createNodeViewer, eventually, type NodeViewer } from './testing/node-peers.js';

/*
 * The SFU as startServer runs it (two SFU processes, two viewers each at most): a Chromium host with a fake camera,
 * Chromium viewers on the origin and on the relay process, and a node-datachannel viewer.
 */
describe('live rooms media through the SFU processes', () => {
  let server: TestServer;
  let browser: Browser;
  let pages: { url: string; server: Server };
  let nodeViewer: NodeViewer | undefined;

  beforeAll(async () => {
    server = await startTestServer({
      ...WITH_MEDIA,
      WARMDESK_MEDIA_PROCESSES: '2',
      WARMDESK_MEDIA_MAX_VIEWERS_PER_PROCESS: '2',
    });
    browser = await launchChromium(MEDIA_FLAGS);
    pages = await blankPageServer();
  });

  afterAll(async () => {
    nodeViewer?.close();
    await browser?.close();
    pages?.server.close();
    await server?.stop();
  });

  async function newPage(): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(pages.url);
    return page;
  }

  it('a host with a camera reaches viewers on the origin and on a relay; a viewer leaving disturbs nobody', async () => {
    const media = server.ctx.media;
    if (!media) throw new Error('startServer set no media service');
    const roomId = 'e2e-live-room';

    const host = await newPage();
    const { answerSdp } = await media.publish(roomId, await cameraOffer(host), { bitrateCapKbps: 900 });
    await acceptAnswer(host, answerSdp);

    const first = await newPage();
    await acceptAnswer(first, (await media.watch(roomId, 'chromium-1', await viewerOffer(first))).answerSdp);
    nodeViewer = await createNodeViewer('node-viewer');
    nodeViewer.accept((await media.watch(roomId, 'node-1', nodeViewer.offerSdp)).answerSdp);
    // The origin has its two viewers: the third is served by the other process, fed over the cascade.
    const second = await newPage();
    await acceptAnswer(second, (await media.watch(roomId, 'chromium-2', await viewerOffer(second))).answerSdp);

    expect(await eventually(async () => (await framesDecoded(first)) > 10, 30_000)).toBe(true);
    expect(await eventually(async () => (await framesDecoded(second)) > 10, 30_000)).toBe(true);
    expect(await eventually(() => (nodeViewer?.stats().video ?? 0) > 20, 30_000)).toBe(true);
    // The host's sender reports reach viewers on the origin and on the relay: what plays voice and lips in sync.
    for (const page of [first, second]) {
      const both = async () => (await senderReportKinds(page)).join() === 'audio,video';
      expect(await eventually(both, 30_000)).toBe(true);
    }

    const stats = await media.stats();
    expect(stats).toHaveLength(2);
    expect(stats.map((s) => s.viewers).sort()).toEqual([1, 2]);
    expect(stats.filter((s) => s.relayedRooms === 1)).toHaveLength(1);
    // The SFU answers the host with REMB at the room's cap, and Chromium's encoder follows it.
    expect(await eventually(async () => (await sendStats(host)).targetBitrate > 500_000, 20_000)).toBe(true);

    await media.leave(roomId, 'node-1');
    nodeViewer.close();
    const [a, b] = [await framesDecoded(first), await framesDecoded(second)];
    expect(await eventually(async () => (await framesDecoded(first)) > a + 10, 20_000)).toBe(true);
    expect(await eventually(async () => (await framesDecoded(second)) > b + 10, 20_000)).toBe(true);

    // The host republishes (a reload): the viewers keep their connections and get the new stream.
    await media.unpublish(roomId);
    await host.reload();
    const again = await media.publish(roomId, await cameraOffer(host), { bitrateCapKbps: 900 });
    await acceptAnswer(host, again.answerSdp);
    const [c, d] = [await framesDecoded(first), await framesDecoded(second)];
    expect(await eventually(async () => (await framesDecoded(first)) > c + 10, 30_000)).toBe(true);
    expect(await eventually(async () => (await framesDecoded(second)) > d + 10, 30_000)).toBe(true);

    await media.closeRoom(roomId);
    expect((await media.stats()).reduce((n, s) => n + s.viewers, 0)).toBe(0);
  });
});
