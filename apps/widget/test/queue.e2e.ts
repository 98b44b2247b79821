import { existsSync } from 'node:fs';
import { type Conversation, type QueueList, ROUTING_DEFAULTS } from '@warmdesk/protocol';
import type { BrowserContext, FrameLocator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerWrites } from '../../agent/test/customer-api.js';
import { changeInboxes, demoLogins, startTestServer, type TestServer } from '../../server/test/harness.js';
import { connectSocket, type TestSocket } from '../../server/test/sockets.js';
import { launchBrowser, type TestBrowser } from './browser.js';

/*
 * A customer waiting in the queue, in the real widget on the /demo shop: the inbox routes manually (an agent is
 * at the desk, so the widget offers live chat, but nobody is assigned until someone picks), so every customer
 * waits. The customer watches their place count down as an agent picks the ones before them, then is picked up;
 * another customer leaves the queue (放弃排队) and starts again; a third leaves a message instead of waiting.
 */

let server: TestServer;
let browser: TestBrowser;
let agent: Awaited<ReturnType<typeof demoLogins>>['agent'];
let desk: TestSocket;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (!existsSync(new URL('../dist/app.js', import.meta.url)))
    throw new Error('apps/widget/dist is missing: run `npm run build -w @warmdesk/widget`');
  server = await startTestServer();
  await server.ctx.db.pool.query(
    `UPDATE inboxes SET config = jsonb_set(config, '{routing}', $2::jsonb) WHERE id = $1`,
    [
      server.demo.inboxId,
      // Overflow past one waiting customer: the customer is offered a callback too.
      JSON.stringify({
        ...ROUTING_DEFAULTS,
        policy: 'manual',
        overflow: {
          ...ROUTING_DEFAULTS.overflow,
          enabled: true,
          maxQueueLength: 1,
          offerCallback: true,
          offerBot: true,
        },
      }),
    ],
  );
  agent = (await demoLogins(server)).agent;
  // The agent's workspace is open: the widget says someone is there (no leave-a-message form).
  desk = await connectSocket(server.url, 'agent', {}, { cookie: agent.cookie, origin: server.url });
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  desk?.close();
  await browser?.close();
  await server?.stop();
});

/** A new customer on the demo shop with the widget open; page errors are collected. */
async function openDemo(newContext = () => browser.newContext()) {
  const context = await newContext();
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${server.url}/demo`);
  await page.getByTestId('warmdesk-launcher').click();
  const frame = page.frameLocator('iframe[src*="/widget/frame"]');
  await frame.locator('.wd-panel').waitFor({ timeout: 15_000 });
  return { page, frame, errors };
}

async function write(frame: FrameLocator, text: string): Promise<void> {
  const input = frame.getByTestId('warmdesk-input');
  await input.fill(text);
  await input.press('Enter');
}

const queueCard = (frame: FrameLocator) => frame.getByTestId('warmdesk-queue');
/** What the queue card says, polled (pushed updates come at most once a second). */
const card = (frame: FrameLocator) =>
  expect.poll(async () => ((await queueCard(frame).count()) > 0 ? await queueCard(frame).textContent() : ''), {
    timeout: 15_000,
  });

/** The agents' queue view of the demo inbox. */
async function agentQueue(): Promise<QueueList> {
  const res = await agent.http<QueueList>('GET', `/api/v1/queue?inboxId=${server.demo.inboxId}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function queuedId(text: string): Promise<string> {
  let id: string | undefined;
  await expect
    .poll(async () => {
      id = (await agentQueue()).items.find((i) => i.lastMessage === text)?.conversationId;
      return id;
    })
    .toBeTruthy();
  return id ?? '';
}

/** "You are number N in line (N waiting)" for a customer who joins the queue now, behind everyone waiting. */
async function nextInLine(): Promise<string> {
  const n = (await agentQueue()).items.filter((i) => i.position !== null).length + 1;
  return `You are number ${n} in line (${n} waiting)`;
}

async function pick(conversationId: string): Promise<void> {
  const res = await agent.http<Conversation>('POST', `/api/v1/queue/${conversationId}/pick`);
  expect(res.status).toBe(200);
  expect(res.body.assignee?.id).toBe(agent.user.id);
}

describe('a customer waiting in the queue', () => {
  it('sees their place count down 3, 2, 1 and is picked up by an agent', async () => {
    const first = await customerWrites(server, 'Customer one: where is my parcel?');
    const second = await customerWrites(server, 'Customer two: I would like a refund');
    const { page, frame, errors } = await openDemo();
    const text = 'Customer three: is the mug in stock?';
    await write(frame, text);

    await card(frame).toContain('You are number 3 in line (3 waiting)');
    await frame.getByRole('button', { name: 'Leave the queue' }).waitFor();
    await frame.getByRole('button', { name: 'Leave a message instead' }).waitFor();
    await frame.getByRole('button', { name: 'Request a callback' }).waitFor();
    await browser.screenshot(page, 'widget-queue-waiting');

    // The agents see the same three, in the same order.
    const third = await queuedId(text);
    const queue = await agentQueue();
    expect(queue.items.map((i) => i.conversationId)).toEqual([first.conversationId, second.conversationId, third]);

    // The agent takes the two before, one by one: the browser customer's place counts down, live.
    await pick(first.conversationId);
    await card(frame).toContain('You are number 2 in line (2 waiting)');
    await pick(second.conversationId);
    await card(frame).toContain('You are number 1 in line (1 waiting)');

    // Then this customer: the queue card goes, the header names the agent, the agent's reply arrives.
    await pick(third);
    await expect
      .poll(() => frame.getByTestId('warmdesk-presence').textContent(), { timeout: 15_000 })
      .toBe('李客服 (Agent 1) is helping you');
    await expect.poll(() => queueCard(frame).count(), { timeout: 15_000 }).toBe(0);
    const reply = 'Hello, I am here now. 您好，我来为您服务。';
    const sent = await agent.http('POST', `/api/v1/conversations/${third}/messages`, { content: reply });
    expect(sent.status).toBe(201);
    await frame.getByText(reply).waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
  });

  it('leaves the queue: the conversation is resolved, and the customer can start again', async () => {
    const { page, frame, errors } = await openDemo();
    const text = 'Customer four: I cannot wait, sorry';
    const expected = await nextInLine();
    await write(frame, text);
    await card(frame).toContain(expected);
    const id = await queuedId(text);

    await frame.getByRole('button', { name: 'Leave the queue' }).click();
    await frame.getByText('Leave the queue? This conversation will end.').waitFor();
    // Changing one's mind keeps the place.
    await frame.getByRole('button', { name: 'Keep waiting' }).click();
    await card(frame).toContain(expected);
    await frame.getByRole('button', { name: 'Leave the queue' }).click();
    await frame.getByRole('button', { name: 'Yes, leave' }).click();
    await frame.getByText('You left the queue. This conversation has ended.').waitFor();
    await browser.screenshot(page, 'widget-queue-left');

    const seen = await agent.http<Conversation>('GET', `/api/v1/conversations/${id}`);
    expect(seen.body.status).toBe('resolved');
    expect((await agentQueue()).items.some((i) => i.conversationId === id)).toBe(false);

    // Starting again: a clean panel, and the next message is a new conversation, waiting in line.
    await frame.getByRole('button', { name: 'Start a new conversation' }).click();
    await expect.poll(() => frame.getByText(text).count()).toBe(0);
    const again = 'Customer four again: one more question';
    const expectedAgain = await nextInLine();
    await write(frame, again);
    await card(frame).toContain(expectedAgain);
    expect(await queuedId(again)).not.toBe(id);
    expect(errors).toEqual([]);
  });

  it('leaves a message instead of waiting: told they need not wait, still in the agents’ queue', async () => {
    const { frame, errors } = await openDemo();
    const text = 'Customer five: my order arrived broken';
    const expected = await nextInLine();
    await write(frame, text);
    await card(frame).toContain(expected);
    const id = await queuedId(text);

    await frame.getByRole('button', { name: 'Leave a message instead' }).click();
    await frame.getByLabel(/Your message/).fill('Please email me about the broken order');
    await frame.getByLabel(/Email/).fill('five@example.com');
    await frame.getByRole('button', { name: 'Send message' }).click();
    await card(frame).toContain('you do not need to wait on this page');
    expect(await queueCard(frame).textContent()).not.toContain('in line');

    const entry = (await agentQueue()).items.find((i) => i.conversationId === id);
    expect(entry?.leftMessage).toBe(true);
    expect(errors).toEqual([]);
  });
  it('asks for a callback when the queue overflows: the agents see the number', async () => {
    if ((await agentQueue()).items.length === 0) await customerWrites(server, 'Customer six: someone ahead');
    const { frame, errors } = await openDemo();
    const text = 'Customer seven: please call me';
    const expected = await nextInLine();
    await write(frame, text);
    await card(frame).toContain(expected);
    const id = await queuedId(text);

    await frame.getByRole('button', { name: 'Request a callback' }).click();
    await frame.getByLabel('Phone').fill('+86 138 0013 8000');
    await frame.getByRole('button', { name: 'Call me back' }).click();
    await card(frame).toContain('We will call you back at +86 138 0013 8000');
    expect(await queueCard(frame).textContent()).not.toContain('in line');

    const entry = (await agentQueue()).items.find((i) => i.conversationId === id);
    expect(entry?.callbackPhone).toBe('+86 138 0013 8000');
    expect(errors).toEqual([]);
  });

  it('asks the bot meanwhile when the queue overflows: it answers, and the customer keeps their place', async () => {
    const { admin } = await demoLogins(server);
    const entry = await admin.http('POST', '/api/v1/kb/entries', {
      questions: ['How long is the warranty?', 'warranty period'],
      answer: { text: 'Every mug has a two-year warranty.', images: [], cards: [] },
    });
    expect(entry.status).toBe(201);
    await new Promise((r) => setTimeout(r, 2100)); // routing settings (and whether the bot can help) are cached 2 s
    if ((await agentQueue()).items.length === 0) await customerWrites(server, 'Customer nine: someone ahead');
    const { frame, errors } = await openDemo();
    const expected = await nextInLine();
    await write(frame, 'How long is the warranty?');
    await card(frame).toContain(expected);
    await frame.getByRole('button', { name: 'Ask our assistant meanwhile' }).click();
    await frame.getByText('Every mug has a two-year warranty.').waitFor({ timeout: 15_000 });
    // Still in line, and the offer is gone now that the bot is helping.
    await card(frame).toContain(expected);
    expect(await frame.getByRole('button', { name: 'Ask our assistant meanwhile' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('after hours: a message left now is answered at opening time, shown in local time', async () => {
    // Open only on the weekday three days from now, 09:00-17:00 UTC: closed now, whatever the time.
    const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
    const opening = new Date(Date.now() + 3 * 86_400_000);
    await changeInboxes(
      server,
      `UPDATE inboxes SET config = jsonb_set(config, '{widget,businessHours}', $2::jsonb) WHERE id = $1`,
      [
        server.demo.inboxId,
        JSON.stringify({
          enabled: true,
          timezone: 'UTC',
          weekly: { [days[opening.getUTCDay()] ?? 'mon']: [['09:00', '17:00']] },
        }),
      ],
    );
    await new Promise((r) => setTimeout(r, 2100)); // the server reads routing settings at most every 2 s
    // A customer in Shanghai: 09:00 UTC is 17:00 there, 5 PM in English.
    const { page, frame, errors } = await openDemo(() =>
      browser.browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai' }),
    );
    await frame.getByTestId('warmdesk-leave-message').waitFor({ timeout: 15_000 });
    await frame.getByLabel(/Your message/).fill('Customer eight: a question for later');
    await frame.getByLabel(/Email/).fill('eight@example.com');
    await frame.getByRole('button', { name: 'Send message' }).click();
    await card(frame).toContain('We are closed now; we open at');
    const said = (await queueCard(frame).textContent()) ?? '';
    expect(said).toContain('05:00 PM');
    expect(said).toContain('Your message will be answered then.');
    expect(said).not.toContain('in line');
    await browser.screenshot(page, 'widget-queue-after-hours');
    expect(errors).toEqual([]);
  });
});
