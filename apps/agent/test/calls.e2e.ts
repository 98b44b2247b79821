import type { Call, Message, MessagePage } from '@warmdesk/protocol';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Http, loginAs, startTestServer, type TestServer } from '../../server/test/harness.js';
import { launchBrowser, MEDIA_FLAGS, type TestBrowser } from '../../widget/test/browser.js';
import {
  assertBuilt,
  byTestId,
  type DemoCustomer,
  newPage,
  openDemoCustomer,
  routeManually,
  signIn,
  waitUntilConnected,
} from './agent-browser.js';
import { customerConversations } from './customer-api.js';

/*
 * Issue #7 in two real Chromium contexts with a fake camera and microphone and no ICE servers: a customer on the
 * demo shop (/demo, the real widget) and an agent in the workspace (/app). The customer starts a video call, the
 * agent accepts, both decode video; they switch to voice and back; the agent takes an identity snapshot; they
 * text during the call; the call ends and the timeline shows it with its duration. Then the agent calls and the
 * customer declines.
 */

let server: TestServer;
let browser: TestBrowser;
let agentApi: Http;
let agentPage: Page;
let customer: DemoCustomer;
let conversationId = '';
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  assertBuilt();
  server = await startTestServer();
  browser = await launchBrowser(MEDIA_FLAGS);
  await routeManually(server);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

/** Frames decoded so far by the agent's side (`window.__warmdeskAgentCall`), 0 before any. */
const agentFrames = () =>
  agentPage.evaluate(
    'window.__warmdeskAgentCall ? window.__warmdeskAgentCall.quality().then(q => (q && q.framesDecoded) || 0) : 0',
  ) as Promise<number>;

/** The same inside the widget's frame (`window.__warmdeskCall`). */
async function customerFrames(): Promise<number> {
  const frame = customer.page.frames().find((f) => f.url().includes('/widget/frame'));
  if (!frame) return 0;
  return (await frame.evaluate(
    'window.__warmdeskCall ? window.__warmdeskCall.quality().then(q => (q && q.framesDecoded) || 0) : 0',
  )) as number;
}

const callsOf = async () =>
  (await agentApi<{ items: Call[] }>('GET', `/api/v1/conversations/${conversationId}/calls`)).body.items;
const timeline = async () =>
  (await agentApi<MessagePage>('GET', `/api/v1/conversations/${conversationId}/messages?limit=200`)).body.messages;
const callLines = (messages: Message[]) =>
  messages.flatMap((m) => {
    const a = m.attachments[0];
    return m.kind === 'event' && a?.action === 'call' ? [a as Record<string, unknown>] : [];
  });

const inFrame = (frame: FrameLocator, id: string) => frame.getByTestId(id);

/** Decoded frames keep increasing on both sides (the video is live, not a frozen first frame). */
async function expectVideoFlowing() {
  const [agentBefore, customerBefore] = [await agentFrames(), await customerFrames()];
  await expect.poll(agentFrames, { timeout: 20_000 }).toBeGreaterThan(agentBefore + 5);
  await expect.poll(customerFrames, { timeout: 20_000 }).toBeGreaterThan(customerBefore + 5);
}

describe('a call inside the conversation', () => {
  it('a customer on /demo writes; the agent takes the conversation and opens it', async () => {
    const login = server.demo.agents[0];
    if (!login) throw new Error('no demo agent');
    const me = await loginAs(server, login.email, login.password);
    agentApi = me.http;
    const agent = await newPage(browser);
    contexts.push(agent.context);
    agentPage = agent.page;
    await signIn(agentPage, server, login);
    await waitUntilConnected(server, me.user.id);

    customer = await openDemoCustomer(browser, server);
    contexts.push(customer.context);
    await customer.send('Can you show me how to set up the device? (call e2e)');
    await expect
      .poll(async () => (await customerConversations(server, customer.session().sessionToken))[0]?.id ?? '', {
        timeout: 10_000,
      })
      .not.toBe('');
    conversationId = (await customerConversations(server, customer.session().sessionToken))[0]?.id ?? '';
    // The agent takes the conversation and opens it.
    const taken = await agentApi('PATCH', `/api/v1/conversations/${conversationId}`, { assigneeId: me.user.id });
    expect(taken.status).toBe(200);
    await agentPage.goto(`${server.url}/app/conversations/${conversationId}`);
    await byTestId(agentPage, 'conversation-view').waitFor({ timeout: 15_000 });
  });

  it('the customer starts a video call, the agent accepts, and both decode video', async () => {
    await inFrame(customer.frame, 'call-start-video').click({ timeout: 15_000 });
    const incoming = byTestId(agentPage, 'incoming-call');
    await incoming.waitFor({ timeout: 15_000 });
    await byTestId(agentPage, 'call-accept-video').click();
    await expect.poll(async () => (await callsOf())[0]?.state, { timeout: 15_000 }).toBe('active');
    await expect.poll(agentFrames, { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(customerFrames, { timeout: 30_000 }).toBeGreaterThan(0);
    await byTestId(agentPage, 'call-remote-video').waitFor();
    await inFrame(customer.frame, 'call-remote-video').waitFor();
  });

  it('they switch to voice and back to video', async () => {
    await byTestId(agentPage, 'call-switch-voice').click();
    await expect.poll(async () => (await callsOf())[0]?.media, { timeout: 10_000 }).toBe('voice');
    await byTestId(agentPage, 'call-switch-video').click();
    await expect.poll(async () => (await callsOf())[0]?.media, { timeout: 10_000 }).toBe('video');
    await expectVideoFlowing();
  });

  it('remote assistance: asked by the agent, the customer shares their screen and sees where the agent points', async () => {
    await byTestId(agentPage, 'call-request-screen').click();
    await inFrame(customer.frame, 'call-notice').waitFor({ timeout: 10_000 });
    await inFrame(customer.frame, 'call-share-screen').first().click();
    // The agent now watches the customer's screen and points at its middle.
    await expectVideoFlowing();
    await byTestId(agentPage, 'call-remote-video').click({ timeout: 10_000 });
    await byTestId(agentPage, 'call-pointer').waitFor({ timeout: 10_000 });
    await inFrame(customer.frame, 'call-pointer').waitFor({ timeout: 10_000 });
    // Back to the camera.
    await inFrame(customer.frame, 'call-share-screen').first().click();
    await expectVideoFlowing();
  });

  it('the agent takes an identity snapshot: the customer is told, the picture is a private note', async () => {
    await byTestId(agentPage, 'call-snapshot').click();
    await inFrame(customer.frame, 'call-notice').waitFor({ timeout: 10_000 });
    await expect
      .poll(
        async () =>
          (await timeline()).filter((m) => m.private && m.attachments.some((a) => a.action === 'call_snapshot')).length,
        { timeout: 15_000 },
      )
      .toBe(1);
    const snapshot = (await timeline()).find((m) => m.attachments.some((a) => a.action === 'call_snapshot'));
    expect(snapshot?.kind).toBe('image');
    // The customer never sees it.
    const theirs = await customer.page.evaluate(
      `fetch('/api/v1/widget/conversations/${conversationId}/messages?limit=200', { headers: { 'x-warmdesk-session': ${JSON.stringify(customer.session().sessionToken)} } }).then(r => r.json())`,
    );
    expect(JSON.stringify(theirs)).not.toContain('call_snapshot');
  });

  it('they text during the call', async () => {
    await customer.send('I can see you now 👋');
    await byTestId(agentPage, 'conversation-view').getByText('I can see you now 👋').waitFor({ timeout: 10_000 });
    await byTestId(agentPage, 'composer-input').fill('Great, now hold the device up to the camera please.');
    await byTestId(agentPage, 'composer-send').click();
    await customer.frame.getByText('Great, now hold the device up to the camera please.').waitFor({ timeout: 10_000 });
    expect((await callsOf())[0]?.state).toBe('active');
  });

  it('the customer reloads the page mid-call and is back in the same call within seconds', async () => {
    const [before] = await callsOf();
    await customer.page.reload();
    const panel = customer.frame.locator('.wd-panel');
    if (!(await panel.isVisible().catch(() => false))) {
      await customer.page.getByTestId('warmdesk-launcher').click({ timeout: 15_000 });
    }
    await inFrame(customer.frame, 'call-remote-video').waitFor({ timeout: 20_000 });
    await expect.poll(customerFrames, { timeout: 30_000 }).toBeGreaterThan(0);
    await expectVideoFlowing();
    const [after] = await callsOf();
    expect(after).toMatchObject({ id: before?.id, state: 'active' });
  });

  it('the agent hangs up: both sides end cleanly and the timeline shows the call with its duration', async () => {
    await agentPage.waitForTimeout(1200);
    await byTestId(agentPage, 'call-hangup').click();
    await expect.poll(async () => (await callsOf())[0]?.state, { timeout: 10_000 }).toBe('ended');
    const [call] = await callsOf();
    expect(call).toMatchObject({ endReason: 'completed', initiator: 'customer' });
    expect(call?.durationSeconds).toBeGreaterThanOrEqual(1);
    await inFrame(customer.frame, 'call-remote-video').waitFor({ state: 'detached', timeout: 10_000 });
    await byTestId(agentPage, 'call-remote-video').waitFor({ state: 'detached', timeout: 10_000 });
    const lines = callLines(await timeline());
    expect(lines.map((l) => l.event)).toEqual(expect.arrayContaining(['started', 'accepted', 'ended']));
    const ended = lines.find((l) => l.event === 'ended');
    expect(ended?.durationSeconds).toBe(call?.durationSeconds);
    expect(ended?.quality).toBeTruthy();
    // The workspace shows the line with the duration (m:ss).
    const minutes = Math.floor((call?.durationSeconds ?? 0) / 60);
    const seconds = String((call?.durationSeconds ?? 0) % 60).padStart(2, '0');
    await byTestId(agentPage, 'conversation-view')
      .getByText(new RegExp(`${minutes}:${seconds}`))
      .first()
      .waitFor({ timeout: 10_000 });
    expect(customer.errors).toEqual([]);
  });

  it('the agent starts a voice call and the customer declines: recorded as declined', async () => {
    await byTestId(agentPage, 'call-start-voice').click();
    await inFrame(customer.frame, 'call-decline').click({ timeout: 15_000 });
    await expect.poll(async () => (await callsOf())[0]?.endReason, { timeout: 10_000 }).toBe('declined');
    const [call] = await callsOf();
    expect(call).toMatchObject({ initiator: 'agent', media: 'voice', state: 'ended', durationSeconds: null });
    expect(callLines(await timeline()).some((l) => l.event === 'declined' && l.callId === call?.id)).toBe(true);
    await byTestId(agentPage, 'incoming-call')
      .waitFor({ state: 'detached', timeout: 5000 })
      .catch(() => undefined);
    expect(customer.errors).toEqual([]);
  });
});
