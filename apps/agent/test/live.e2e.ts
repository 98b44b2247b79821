import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { LiveRoom, LiveStats } from '@warmdesk/protocol';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Http, loginAs, startTestServer, type TestServer, WITH_MEDIA } from '../../server/test/harness.js';
import { launchBrowser, MEDIA_FLAGS, type TestBrowser } from '../../widget/test/browser.js';
import { startHostSite } from '../../widget/test/host-page.js';
import { assertBuilt, byTestId, newPage, pickOption, screenshot, signIn, waitUntilConnected } from './agent-browser.js';
import { CARD_LINK, contactOf, framesOf, openViewer as openLiveViewer, type Viewer } from './live-viewer.js';

/*
 * Issue #8 as a new user tries it, in real Chromium contexts with a fake camera and no ICE servers: an agent
 * creates a live room in /app and goes live; two viewers open the share link in their own browser profiles and
 * watch; a viewer chats, the agent sees each join in the feed and greets one; the agent takes a viewer to a
 * private chat (a workspace tab) while that viewer's video keeps playing; a product card click is counted; the
 * room ends and its stats are saved.
 */

let server: TestServer;
let browser: TestBrowser;
let agentApi: Http;
let agentPage: Page;
let room: LiveRoom;
const contexts: BrowserContext[] = [];
const cleanups: (() => Promise<void>)[] = [];
const viewers: Viewer[] = [];

beforeAll(async () => {
  assertBuilt();
  if (!existsSync(new URL('../../widget/dist/live.js', import.meta.url)))
    throw new Error('not built: run `npm run build -w @warmdesk/widget`');
  server = await startTestServer(WITH_MEDIA);
  browser = await launchBrowser(MEDIA_FLAGS);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

const roomNow = async () => (await agentApi<LiveRoom>('GET', `/api/v1/live/rooms/${room.id}`)).body;

async function openViewer(): Promise<Viewer> {
  const viewer = await openLiveViewer(browser, room.shareUrl);
  contexts.push(viewer.context);
  return viewer;
}

describe('a live room from /app with two viewers', () => {
  it('the agent creates a room with a product card and goes live with the camera', async () => {
    const login = server.demo.agents[0];
    if (!login) throw new Error('no demo agent');
    const me = await loginAs(server, login.email, login.password);
    agentApi = me.http;
    const agent = await newPage(browser, { width: 1440, height: 900 });
    contexts.push(agent.context);
    agentPage = agent.page;
    await signIn(agentPage, server, login);
    await waitUntilConnected(server, me.user.id);

    await byTestId(agentPage, 'nav-live').click();
    await byTestId(agentPage, 'live-new-room').click();
    await byTestId(agentPage, 'live-form-title').fill('Kettle launch Q&A 新品答疑');
    await byTestId(agentPage, 'live-form-recording').click();
    await byTestId(agentPage, 'live-form-add-card').click();
    await byTestId(agentPage, 'live-form-card-title').fill('Smart kettle');
    await byTestId(agentPage, 'live-form-card-price').fill('¥199');
    await byTestId(agentPage, 'live-form-card-link').fill(CARD_LINK);
    await byTestId(agentPage, 'live-form-submit').click();
    await byTestId(agentPage, 'live-console').waitFor({ timeout: 15_000 });
    const roomId = new URL(agentPage.url()).pathname.split('/').at(-1) ?? '';
    room = (await agentApi<LiveRoom>('GET', `/api/v1/live/rooms/${roomId}`)).body;
    expect(room).toMatchObject({ title: 'Kettle launch Q&A 新品答疑', state: 'scheduled', recording: true });
    expect(room.cards.map((c) => c.title)).toEqual(['Smart kettle']);
    await expect(byTestId(agentPage, 'live-share-url').inputValue()).resolves.toBe(room.shareUrl);

    await byTestId(agentPage, 'live-go-live').click();
    await expect.poll(async () => (await roomNow()).publishing, { timeout: 20_000 }).toBe(true);
    expect((await roomNow()).state).toBe('live');
    await byTestId(agentPage, 'live-publishing', { 'data-publishing': 'true' }).waitFor({ timeout: 10_000 });
  });

  it('two viewers open the share link in their own browsers and both decode the video', async () => {
    viewers.push(await openViewer());
    viewers.push(await openViewer());
    for (const v of viewers) {
      await byTestId(v.page, 'live-title').getByText('Kettle launch Q&A').waitFor();
      await expect.poll(() => framesOf(v.page), { timeout: 30_000 }).toBeGreaterThan(0);
    }
    expect(viewers[0]?.contactId).not.toBe(viewers[1]?.contactId);
  });

  it('the agent sees each join in the feed and greets one of them', async () => {
    for (const v of viewers) {
      await byTestId(agentPage, 'live-feed-item', { 'data-contact-id': v.contactId, 'data-kind': 'join' })
        .first()
        .waitFor({ timeout: 10_000 });
    }
    const [first] = viewers;
    if (!first) throw new Error('no viewer');
    const item = byTestId(agentPage, 'live-feed-item', {
      'data-contact-id': first.contactId,
      'data-kind': 'join',
    }).first();
    await byTestId(item, 'live-greet').click();
    await byTestId(item, 'live-feed-greeted').waitFor({ timeout: 10_000 });
    // The greeting reaches the room: both viewers see it.
    for (const v of viewers) {
      await byTestId(v.page, 'live-message', { 'data-sender': 'agent' }).first().waitFor({ timeout: 10_000 });
    }
  });

  it('a viewer chats and the agent sees it in the room chat', async () => {
    const [, second] = viewers;
    if (!second) throw new Error('no viewer');
    await byTestId(second.page, 'live-input').fill('Does the kettle keep water warm? 保温吗？');
    await byTestId(second.page, 'live-send').click();
    await byTestId(agentPage, 'live-room-chat')
      .getByText('Does the kettle keep water warm? 保温吗？')
      .waitFor({ timeout: 10_000 });
    // The other viewer sees it too.
    await byTestId(viewers[0]?.page ?? agentPage, 'live-chat')
      .getByText('Does the kettle keep water warm? 保温吗？')
      .waitFor({ timeout: 10_000 });
  });

  it('a viewer asks a question; the agent answers it publicly, quoted in the room', async () => {
    const [first] = viewers;
    if (!first) throw new Error('no viewer');
    await byTestId(first.page, 'live-input').fill('How long is the warranty?');
    await byTestId(first.page, 'live-as-question').check();
    await byTestId(first.page, 'live-send').click();
    const question = byTestId(agentPage, 'live-question').filter({ hasText: 'How long is the warranty?' });
    await question.waitFor({ timeout: 10_000 });
    await byTestId(question, 'live-answer-input').fill('Two years, 两年保修.');
    await byTestId(question, 'live-answer-public').click();
    // Both viewers see the answer with the question quoted.
    for (const v of viewers) {
      const answer = byTestId(v.page, 'live-message').filter({ hasText: 'Two years, 两年保修.' });
      await answer.waitFor({ timeout: 10_000 });
      await expect(answer.textContent()).resolves.toContain('How long is the warranty?');
    }
  });

  it('the agent opens a private chat with a viewer; they exchange messages while the video keeps playing', async () => {
    const [first] = viewers;
    if (!first) throw new Error('no viewer');
    const item = byTestId(agentPage, 'live-feed-item', {
      'data-contact-id': first.contactId,
      'data-kind': 'join',
    }).first();
    const [workspace] = await Promise.all([
      agentPage.context().waitForEvent('page', { timeout: 15_000 }),
      byTestId(item, 'live-feed-private').click(),
    ]);
    await workspace.waitForURL(/\/app\/conversations\/[0-9a-f-]{36}/, { timeout: 15_000 });
    await byTestId(workspace, 'conversation-view').waitFor({ timeout: 30_000 });
    // The viewer's page opens the conversation beside the video.
    await byTestId(first.page, 'live-private-panel').waitFor({ timeout: 10_000 });
    const before = await framesOf(first.page);

    await byTestId(first.page, 'live-private-input').fill('Can I get a discount code privately?');
    await byTestId(first.page, 'live-private-send').click();
    await byTestId(workspace, 'conversation-view')
      .getByText('Can I get a discount code privately?')
      .waitFor({ timeout: 10_000 });
    await byTestId(workspace, 'composer-input').fill('Sure: KETTLE10 gives you 10% off.');
    await byTestId(workspace, 'composer-send').click();
    await byTestId(first.page, 'live-private-panel')
      .getByText('Sure: KETTLE10 gives you 10% off.')
      .waitFor({ timeout: 10_000 });

    // The video kept playing (more frames decoded, not a frozen picture) and is still on screen.
    await expect.poll(() => framesOf(first.page), { timeout: 20_000 }).toBeGreaterThan(before + 10);
    await expect(byTestId(first.page, 'live-video').isVisible()).resolves.toBe(true);
    // Pictures of the two sides for the record (artifacts/agent/)
    await screenshot(first.page, 'live-viewer-private');
    await screenshot(agentPage, 'live-console');
    await workspace.close();
  });

  it('a viewer reloads the page: the same contact is back in the room, video and private history included', async () => {
    const [first] = viewers;
    if (!first) throw new Error('no viewer');
    await first.page.reload();
    await byTestId(first.page, 'live-page').waitFor({ timeout: 15_000 });
    await expect.poll(() => contactOf(first.page), { timeout: 15_000 }).toBe(first.contactId);
    await expect.poll(() => framesOf(first.page), { timeout: 30_000 }).toBeGreaterThan(0);
    // The agent sees them leave and come back.
    await byTestId(agentPage, 'live-feed-item', { 'data-contact-id': first.contactId, 'data-kind': 'leave' })
      .first()
      .waitFor({ timeout: 10_000 });
    await byTestId(first.page, 'live-private-chat').click();
    await byTestId(first.page, 'live-private-panel')
      .getByText('Sure: KETTLE10 gives you 10% off.')
      .waitFor({ timeout: 10_000 });
  });

  it('the agent pins the product card; a viewer clicks it and the agent sees the click counted', async () => {
    await byTestId(agentPage, 'live-card-pin', { 'data-pinned': 'false' }).click();
    const [second] = viewers.slice(1);
    if (!second) throw new Error('no viewer');
    const card = byTestId(second.page, 'live-card');
    await card.waitFor({ timeout: 10_000 });
    await screenshot(second.page, 'live-viewer');
    // The link opens in a new tab; the click is counted first.
    const [shop] = await Promise.all([second.page.context().waitForEvent('page', { timeout: 10_000 }), card.click()]);
    expect(shop.url()).toContain('shop.example.com');
    await shop.close();
    await expect
      .poll(async () => Number(await byTestId(agentPage, 'live-card-clicks').first().getAttribute('data-count')), {
        timeout: 10_000,
      })
      .toBe(1);
    await expect
      .poll(async () => (await agentApi<LiveStats>('GET', `/api/v1/live/rooms/${room.id}/stats`)).body.cardClicks, {
        timeout: 10_000,
      })
      .toBe(1);
  });

  it('moderation: a pinned announcement reaches viewers, and a muted viewer is told and cannot chat', async () => {
    await byTestId(agentPage, 'live-announcement-input').fill('Today only: free shipping 今日包邮');
    await byTestId(agentPage, 'live-announcement-save').click();
    for (const v of viewers)
      await byTestId(v.page, 'live-announcement')
        .getByText('Today only: free shipping 今日包邮')
        .waitFor({ timeout: 10_000 });

    const [, second] = viewers;
    if (!second) throw new Error('no viewer');
    const line = byTestId(agentPage, 'live-chat-message', { 'data-sender': 'viewer' }).filter({
      hasText: 'Does the kettle keep water warm?',
    });
    await byTestId(line, 'live-chat-actions').click();
    await byTestId(agentPage, 'live-chat-mute').click();
    await byTestId(second.page, 'live-muted').waitFor({ timeout: 10_000 });
    await expect(byTestId(second.page, 'live-input').count()).resolves.toBe(0);
    await byTestId(line, 'live-chat-muted').waitFor({ timeout: 10_000 });
  });

  it('slow mode: the viewer sees how long to wait before the next message', async () => {
    await pickOption(agentPage, byTestId(agentPage, 'live-slow-mode'), '5 s');
    await expect.poll(async () => (await roomNow()).slowModeSeconds, { timeout: 10_000 }).toBe(5);
    const [first] = viewers;
    if (!first) throw new Error('no viewer');
    // back from the private chat to the room chat (on a phone they share the lower half)
    await byTestId(first.page, 'live-private-close').click();
    await byTestId(first.page, 'live-slow-mode').getByText(/5/).waitFor({ timeout: 10_000 });
    const input = byTestId(first.page, 'live-input');
    const sendButton = byTestId(first.page, 'live-send');
    await input.fill('Is there a blue one?');
    await sendButton.click();
    await byTestId(first.page, 'live-slow-mode')
      .getByText(/wait|等待/)
      .waitFor({ timeout: 5_000 });
    // The server counts from the viewer's last message, also one sent before slow mode: refused then, the text
    // stays in the field and goes once the countdown is over.
    if ((await input.inputValue()) === 'Is there a blue one?') {
      await expect.poll(() => sendButton.isEnabled(), { timeout: 10_000 }).toBe(true);
      await sendButton.click();
    }
    await byTestId(agentPage, 'live-room-chat').getByText('Is there a blue one?').waitFor({ timeout: 10_000 });
    await byTestId(first.page, 'live-slow-mode')
      .getByText(/wait|等待/)
      .waitFor({ timeout: 5_000 });
    await expect(sendButton.isDisabled()).resolves.toBe(true);
  });

  it('a co-host opens the same console without the broadcast controls, sees the viewers and greets one privately', async () => {
    const login = server.demo.agents[1];
    if (!login) throw new Error('no second demo agent');
    const colleague = await loginAs(server, login.email, login.password);
    const saved = await agentApi('PATCH', `/api/v1/live/rooms/${room.id}`, { coHostUserIds: [colleague.user.id] });
    expect(saved.status).toBe(200);
    const coHost = await newPage(browser, { width: 1440, height: 900 });
    contexts.push(coHost.context);
    await signIn(coHost.page, server, login, `/app/live/${room.id}`);
    await byTestId(coHost.page, 'live-console').waitFor({ timeout: 15_000 });
    await byTestId(coHost.page, 'live-cohost-note').waitFor();
    await expect(byTestId(coHost.page, 'live-go-live').count()).resolves.toBe(0);
    await expect(byTestId(coHost.page, 'live-end').count()).resolves.toBe(0);
    const [, second] = viewers;
    if (!second) throw new Error('no viewer');
    const item = byTestId(coHost.page, 'live-feed-item', { 'data-contact-id': second.contactId }).first();
    await byTestId(item, 'live-greet-private').click();
    // Only that viewer gets it, marked as private.
    await byTestId(second.page, 'live-message', { 'data-private': 'true' }).first().waitFor({ timeout: 10_000 });
    const [first] = viewers;
    await expect(
      byTestId(first?.page ?? coHost.page, 'live-message', { 'data-private': 'true' }).count(),
    ).resolves.toBe(0);
    expect(coHost.errors).toEqual([]);
  });

  it('a scheduled room shows viewers its countdown', async () => {
    const inFuture = new Date(Date.now() + 2 * 3600_000).toISOString();
    const later = await agentApi<LiveRoom>('POST', '/api/v1/live/rooms', {
      title: 'Next week: autumn collection',
      inboxId: room.inboxId,
      scheduledAt: inFuture,
    });
    expect(later.status).toBe(201);
    const [first] = viewers;
    if (!first) throw new Error('no viewer');
    const page = await first.page.context().newPage();
    await page.goto(later.body.shareUrl);
    await byTestId(page, 'live-scheduled')
      .getByText(/Starts in/)
      .waitFor({ timeout: 15_000 });
    // The page's language switch: Chinese, and back for the other pages of this browser.
    await byTestId(page, 'live-language').click();
    await byTestId(page, 'live-scheduled')
      .getByText(/距离开播/)
      .waitFor({ timeout: 5_000 });
    await expect(page.evaluate('document.documentElement.lang')).resolves.toBe('zh-CN');
    await byTestId(page, 'live-language').click();
    await page.close();
  });

  it('the widget of the room inbox shows a "live now" banner; the room it opens knows the verified customer', async () => {
    const admin = (await loginAs(server, server.demo.admin.email, server.demo.admin.password)).http;
    const { secret } = (await admin<{ secret: string }>('GET', `/api/v1/inboxes/${room.inboxId}/secret`)).body;
    const hmac = createHmac('sha256', secret).update('vip-live-7').digest('hex');
    // A shop on another site (localhost, the server being 127.0.0.1) embeds the widget: the widget's storage
    // there is partitioned from the room page's, so the room knows the customer only through the identity the
    // banner hands over.
    const site = await startHostSite(server.url, server.demo.inboxKey);
    cleanups.push(() => site.close());
    const shop = await newPage(browser);
    contexts.push(shop.context);
    await shop.page.goto(`${site.origin.replace('127.0.0.1', 'localhost')}/shop`);
    await shop.page.getByTestId('warmdesk-launcher').click({ timeout: 15_000 });
    const frame = shop.page.frameLocator('iframe[src*="/widget/frame"]');
    await frame.locator('.wd-panel').waitFor({ timeout: 15_000 });
    // The shop's page says who the customer is (its backend signed the id).
    await shop.page.evaluate(
      `Warmdesk.identify({ userId: 'vip-live-7', name: 'Wang VIP 王', email: 'wang@example.com', hmac: ${JSON.stringify(hmac)} })`,
    );
    const banner = frame.getByTestId('warmdesk-live-banner');
    await banner.waitFor({ timeout: 15_000 });
    await expect(banner.textContent()).resolves.toContain('Kettle launch Q&A');
    const [page] = await Promise.all([
      shop.context.waitForEvent('page', { timeout: 10_000 }),
      frame.getByTestId('warmdesk-live-open').click(),
    ]);
    await byTestId(page, 'live-page').waitFor({ timeout: 15_000 });
    await expect.poll(() => framesOf(page), { timeout: 30_000 }).toBeGreaterThan(0);
    // The agent's feed shows the verified customer by name.
    const joined = byTestId(agentPage, 'live-feed-item', { 'data-kind': 'join' }).filter({ hasText: 'Wang VIP 王' });
    await joined.first().waitFor({ timeout: 15_000 });
    await joined
      .first()
      .getByText(/Verified|已认证/)
      .waitFor();
    await page.close();
  });

  it('the room ends: viewers see it ended and the stats are saved', async () => {
    await byTestId(agentPage, 'live-end').click();
    await byTestId(agentPage, 'live-end-confirm').click();
    await expect.poll(async () => (await roomNow()).state, { timeout: 10_000 }).toBe('ended');
    for (const v of viewers) await byTestId(v.page, 'live-ended').waitFor({ timeout: 10_000 });
    const stats = (await agentApi<LiveStats>('GET', `/api/v1/live/rooms/${room.id}/stats`)).body;
    expect(stats).toMatchObject({ roomId: room.id, cardClicks: 1, privateConversations: 1 });
    expect(stats.uniqueViewers).toBeGreaterThanOrEqual(2);
    expect(stats.peakViewers).toBeGreaterThanOrEqual(2);
    expect(stats.messages).toBeGreaterThanOrEqual(1);
    expect(stats.joinToGreetingMedianMs).not.toBeNull();
    await byTestId(agentPage, 'live-state')
      .getByText(/Ended|已结束/)
      .waitFor({ timeout: 10_000 });
    for (const v of viewers) expect(v.errors).toEqual([]);
  });

  it("the host's recording is uploaded on end and viewers get the replay", async () => {
    await expect.poll(async () => (await roomNow()).replayUrl, { timeout: 30_000 }).toBeTruthy();
    const [first] = viewers;
    if (!first) throw new Error('no viewer');
    await byTestId(first.page, 'live-replay').waitFor({ timeout: 10_000 });
    const replayUrl = (await roomNow()).replayUrl ?? '';
    const replay = await first.page.evaluate(`fetch(${JSON.stringify(replayUrl)}).then(r => r.status)`);
    expect(replay).toBe(200);
  });
});
