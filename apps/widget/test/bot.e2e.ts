import { existsSync } from 'node:fs';
import type { Inbox, KbEntry, KbEntryBody, KbTestResult } from '@warmdesk/protocol';
import type { FrameLocator, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins, manualRouting, startTestServer, type TestServer } from '../../server/test/harness.js';
import { connectSocket, type TestSocket } from '../../server/test/sockets.js';
import { launchBrowser, type TestBrowser } from './browser.js';

/*
 * A customer talks to the knowledge-base bot in the real widget on the /demo shop (issue 6): the inbox's bot
 * answers first. The customer asks a question of the knowledge base and gets the answer with its image and product
 * card, says it helped (the entry's helpful count goes up), asks something vague and picks one of the "did you
 * mean" buttons, then asks for a human (转人工) and is handed off.
 */

let server: TestServer;
let browser: TestBrowser;
let admin: Awaited<ReturnType<typeof demoLogins>>['admin'];
let desk: TestSocket;
/** An image the frame's CSP allows (same origin as the frame): the agent app's icon. */
let imageUrl: string;

const SHIPPING = 'How long does shipping take?';
const SHIPPING_ANSWER = 'We ship within **24 hours** on working days.';
const RETURN_MUG = 'How do I return the insulated coffee mug?';
const RETURN_MUG_ANSWER = 'Pack the mug in its box and book a free pickup in My orders.';
const RETURN_WATCH = 'How do I return the sports smart watch?';
/** Vague questions, tried in order until the bot is unsure between the two returns. */
const VAGUE = ['return', 'How do I return it?', 'return policy', '退货'];

async function createEntry(body: KbEntryBody): Promise<KbEntry> {
  const res = await admin.http<KbEntry>('POST', '/api/v1/kb/entries', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

beforeAll(async () => {
  if (!existsSync(new URL('../dist/app.js', import.meta.url)))
    throw new Error('apps/widget/dist is missing: run `npm run build -w @warmdesk/widget`');
  server = await startTestServer();
  imageUrl = `${server.url}/app/icon-192.png`;
  const logins = await demoLogins(server);
  admin = logins.admin;
  // Agents pick from the queue: after the hand-off the customer waits there rather than being assigned at once.
  await manualRouting(server);
  const inbox = await admin.http<Inbox>('GET', `/api/v1/inboxes/${server.demo.inboxId}`);
  expect(inbox.status).toBe(200);
  const patched = await admin.http<Inbox>('PATCH', `/api/v1/inboxes/${server.demo.inboxId}`, {
    config: { ...inbox.body.config, bot: { enabled: true, name: '小暖 Bot', askHelpful: true } },
  });
  expect(patched.status).toBe(200);
  // The agent's workspace is open: the widget offers live chat (no leave-a-message form).
  desk = await connectSocket(server.url, 'agent', {}, { cookie: logins.agent.cookie, origin: server.url });
  browser = await launchBrowser();
});
afterAll(async () => {
  desk?.close();
  await browser?.close();
  await server?.stop();
});

/** A new customer on the demo shop with the widget open; page errors are collected. */
async function openDemo() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${server.url}/demo`);
  await page.getByTestId('warmdesk-launcher').click();
  const frame = page.frameLocator('iframe[src*="/widget/frame"]');
  await frame.locator('.wd-panel').waitFor({ timeout: 15_000 });
  return { context, page, frame, errors };
}

async function write(frame: FrameLocator, text: string): Promise<void> {
  const input = frame.getByTestId('warmdesk-input');
  await input.fill(text);
  await input.press('Enter');
}

/** The bot's messages in the conversation, newest last. */
const botTurns = (frame: FrameLocator) => frame.locator('.wd-bot');
const lastBotTurn = (frame: FrameLocator): Locator => botTurns(frame).last();

/** Waits until the bot has said something more than `before` turns, and returns its newest turn. */
async function nextBotTurn(frame: FrameLocator, before: number): Promise<Locator> {
  await expect.poll(() => botTurns(frame).count(), { timeout: 15_000 }).toBeGreaterThan(before);
  return lastBotTurn(frame);
}

/** The first vague question the bot answers with "did you mean" (its test console tells, without a conversation). */
async function vagueQuestion(): Promise<string> {
  for (const text of VAGUE) {
    const res = await admin.http<KbTestResult>('POST', '/api/v1/kb/test', { text });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    if (res.body.level === 'suggest') return text;
  }
  throw new Error(`none of ${JSON.stringify(VAGUE)} makes the bot unsure`);
}

describe('a customer talking to the knowledge-base bot', () => {
  it('gets an answer with a card, rates it, picks a "did you mean" option, and is handed to a human', async () => {
    const shipping = await createEntry({
      questions: [SHIPPING, 'When will my order ship?', '多久发货'],
      answer: {
        text: SHIPPING_ANSWER,
        images: [{ url: imageUrl, alt: 'A parcel leaving the Warm Shop' }],
        cards: [{ title: 'Insulated coffee mug', price: '¥129', imageUrl, url: 'https://shop.example.com/mug' }],
      },
      tags: ['shipping'],
      enabled: true,
      handoff: false,
    });
    await createEntry({
      questions: [RETURN_MUG],
      answer: { text: RETURN_MUG_ANSWER, images: [], cards: [] },
      tags: ['returns'],
      enabled: true,
      handoff: false,
    });
    await createEntry({
      questions: [RETURN_WATCH],
      answer: { text: 'Reset the watch, then book a free pickup in My orders.', images: [], cards: [] },
      tags: ['returns'],
      enabled: true,
      handoff: false,
    });
    const vague = await vagueQuestion();

    const { context, page, frame, errors } = await openDemo();

    // The answer: the bot's name and mark, the text (bold kept), the image and the product card.
    const before = await botTurns(frame).count();
    await write(frame, SHIPPING);
    const answer = await nextBotTurn(frame, before);
    await answer.getByText('24 hours').waitFor({ timeout: 15_000 });
    expect(await answer.locator('b', { hasText: '24 hours' }).count()).toBe(1);
    expect(await answer.locator('.wd-sender').textContent()).toContain('小暖 Bot');
    expect(await answer.getByRole('img', { name: 'Bot' }).count()).toBe(1);
    const image = answer.getByAltText('A parcel leaving the Warm Shop');
    expect(await image.getAttribute('loading')).toBe('lazy');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    const card = answer.getByRole('link', { name: /Insulated coffee mug/ });
    expect(await card.textContent()).toContain('¥129');
    expect(await card.getAttribute('href')).toBe('https://shop.example.com/mug');
    expect(await card.getAttribute('target')).toBe('_blank');
    expect(await card.getAttribute('rel')).toContain('noopener');
    await browser.screenshot(page, 'widget-bot-answer');

    // 👍: thanks, both buttons disabled, and the entry counts one helpful answer.
    const feedback = answer.getByTestId('warmdesk-bot-feedback');
    await feedback.getByText('Was this helpful?').waitFor();
    await feedback.getByRole('button', { name: 'Yes, this helped' }).click();
    await feedback.getByText('Thanks for your feedback').waitFor();
    expect(await feedback.getByRole('button', { name: 'Yes, this helped' }).isDisabled()).toBe(true);
    expect(await feedback.getByRole('button', { name: 'No, this did not help' }).isDisabled()).toBe(true);
    await expect
      .poll(async () => (await admin.http<KbEntry>('GET', `/api/v1/kb/entries/${shipping.id}`)).body.helpful)
      .toBe(1);

    // Something vague: "did you mean" buttons; a click asks that question, as the customer, and gets its answer.
    const beforeVague = await botTurns(frame).count();
    await write(frame, vague);
    const suggestion = await nextBotTurn(frame, beforeVague);
    await suggestion.getByTestId('warmdesk-bot-options').getByRole('button', { name: RETURN_WATCH }).waitFor({
      timeout: 15_000,
    });
    const afterSuggest = await botTurns(frame).count();
    // Pinned by position: `suggestion` (the newest turn) moves on once the picked answer arrives.
    const options = botTurns(frame)
      .nth(afterSuggest - 1)
      .getByTestId('warmdesk-bot-options');
    await options.getByRole('button', { name: RETURN_MUG }).click();
    expect(await options.getByRole('button', { name: RETURN_WATCH }).isDisabled()).toBe(true);
    await frame.locator('.wd-mine', { hasText: RETURN_MUG }).waitFor({ timeout: 15_000 });
    const picked = await nextBotTurn(frame, afterSuggest);
    await picked.getByText(RETURN_MUG_ANSWER).waitFor({ timeout: 15_000 });
    await browser.screenshot(page, 'widget-bot-suggest');

    // 转人工: the hand-off, shown apart from answers.
    const beforeHandoff = await botTurns(frame).count();
    await write(frame, '转人工');
    const handoff = await nextBotTurn(frame, beforeHandoff);
    await handoff.getByText('Connecting you to a human agent…').waitFor({ timeout: 15_000 });
    expect(await handoff.getAttribute('class')).toContain('wd-handoff');
    await handoff.scrollIntoViewIfNeeded();
    await browser.screenshot(page, 'widget-bot-handoff');

    // The feedback is remembered for this tab: after a reload the answer still says thanks, in Chinese too.
    await page.reload();
    await page.getByTestId('warmdesk-launcher').click();
    await frame.getByText('Thanks for your feedback').waitFor({ timeout: 15_000 });
    await frame.getByTestId('warmdesk-language').click();
    await frame.getByText('感谢您的反馈').waitFor();
    await frame.getByText('正在为您转接人工客服…').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
