import type { CannedResponse, Conversation } from '@warmdesk/protocol';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Http, loginAs, startTestServer, type TestServer } from '../../server/test/harness.js';
import { launchBrowser, type TestBrowser } from '../../widget/test/browser.js';
import {
  assertBuilt,
  byTestId,
  conversationItem,
  countOf,
  type DemoCustomer,
  fieldText,
  type Login,
  markNoReload,
  newPage,
  openDemoCustomer,
  PHONE,
  pickOption,
  reloaded,
  routeManually,
  signIn,
  waitUntilConnected,
} from './agent-browser.js';
import { customerConversations, customerHistory, customerWrites } from './customer-api.js';

/*
 * The agent's side of issue #4 in real Chromium against the real server: a customer on the demo shop (/demo, real
 * widget) writes; agent1 sees it arrive live, replies, writes a private note, transfers it to agent2 (a second
 * browser context) who sees it arrive, answers with a canned response and resolves it. Then the role checks and
 * the phone layout. The steps share one conversation, in order.
 */

type Agent = { context: BrowserContext; page: Page; errors: string[]; id: string; name: string };

let server: TestServer;
let browser: TestBrowser;
let admin: Http;
let agent1: Agent;
let agent2: Agent;
let customer: DemoCustomer;
let conversationId = '';
const contexts: BrowserContext[] = [];

const FIRST = 'Hello, my order #2024 has not arrived yet (e2e)';
const REPLY = 'Sorry about that! Let me check your order. 马上为您查询。';
const NOTE = 'PRIVATE: customer is a VIP, refund without asking (e2e note)';
const AFTER_NOTE = 'I found it: the parcel leaves today.';
const TRANSFER_NOTE = 'PRIVATE: please take over, you handle refunds (e2e transfer note)';

beforeAll(async () => {
  assertBuilt();
  server = await startTestServer();
  browser = await launchBrowser();
  admin = (await loginAs(server, server.demo.admin.email, server.demo.admin.password)).http;
  await routeManually(server);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

/** A demo agent signed in through the login form, on the conversation list. */
async function agentAt(index: 0 | 1, size?: { width: number; height: number }): Promise<Agent> {
  const login = server.demo.agents[index];
  if (!login) throw new Error(`no demo agent ${index}`);
  const { context, page, errors } = await newPage(browser, size);
  contexts.push(context);
  await signIn(page, server, login);
  await byTestId(page, 'conversation-list').waitFor({ timeout: 15_000 });
  const me = await loginAs(server, login.email, login.password);
  return { context, page, errors, id: me.user.id, name: login.name };
}

const viewOf = (page: Page) => byTestId(page, 'conversation-view', { 'data-conversation-id': conversationId });

async function send(page: Page, text: string) {
  await byTestId(page, 'composer-input').fill(text);
  await byTestId(page, 'composer-send').click();
}

/** The demo's `/hello` canned response, created through the admin API when the seed has none. */
async function cannedHello(): Promise<CannedResponse> {
  const list = await admin<{ items: CannedResponse[] }>('GET', '/api/v1/canned-responses');
  expect(list.status).toBe(200);
  const found = list.body.items.find((c) => c.shortCode === 'hello');
  if (found) return found;
  const made = await admin<CannedResponse>('POST', '/api/v1/canned-responses', {
    shortCode: 'hello',
    content: 'Hello! Thank you for contacting Warm Shop. 您好，感谢您联系暖心小店！',
  });
  expect(made.status).toBe(201);
  return made.body;
}

describe('agent workspace in a browser', () => {
  it('an agent signs in and sees a conversation started from the widget on /demo appear live', async () => {
    agent1 = await agentAt(0);
    const { page } = agent1;
    await byTestId(page, 'filter-unassigned').click();
    const unassignedBefore = await countOf(page, 'count-unassigned');
    await markNoReload(page);
    // the widget offers live chat (not "leave a message") once an agent is connected
    await waitUntilConnected(server, agent1.id);

    customer = await openDemoCustomer(browser, server);
    contexts.push(customer.context);
    await customer.send(FIRST);
    await expect
      .poll(async () => (await customerConversations(server, customer.session().sessionToken))[0]?.id ?? '', {
        timeout: 10_000,
      })
      .not.toBe('');
    conversationId = (await customerConversations(server, customer.session().sessionToken))[0]?.id ?? '';

    const item = conversationItem(page, conversationId);
    await item.waitFor({ timeout: 10_000 });
    await expect.poll(() => item.textContent(), { timeout: 10_000 }).toContain(FIRST);
    expect(await item.getAttribute('data-display-id')).toMatch(/^\d+$/);
    expect(await item.getAttribute('data-unread')).toMatch(/^(true|[1-9]\d*)$/);
    await expect.poll(() => countOf(page, 'count-unassigned'), { timeout: 10_000 }).toBe(unassignedBefore + 1);
    expect(await reloaded(page)).toBe(false);
    expect(agent1.errors).toEqual([]);
  });

  it('opens the conversation and replies; the customer receives it and the reply shows as read', async () => {
    const { page } = agent1;
    await conversationItem(page, conversationId).click();
    const view = viewOf(page);
    await view.waitFor({ timeout: 10_000 });
    await byTestId(view, 'message', { 'data-sender-type': 'contact' }).filter({ hasText: FIRST }).waitFor();

    await send(page, REPLY);
    const reply = byTestId(view, 'message', { 'data-sender-type': 'user' }).filter({ hasText: REPLY });
    await reply.waitFor({ timeout: 10_000 });
    await customer.frame.getByText(REPLY).waitFor({ timeout: 10_000 });
    // the customer has the widget open: the reply turns to read
    await expect.poll(() => reply.getAttribute('data-state'), { timeout: 15_000 }).toBe('read');
    expect(agent1.errors).toEqual([]);
    expect(customer.errors).toEqual([]);
  });

  it('keeps a private note from the customer (widget and customer REST history)', async () => {
    const { page } = agent1;
    const view = viewOf(page);
    await byTestId(page, 'composer-mode-note').click();
    await send(page, NOTE);
    await byTestId(view, 'message', { 'data-private': 'true' }).filter({ hasText: NOTE }).waitFor({ timeout: 10_000 });

    // a public message after the note: once the customer has it, the note would have arrived before it
    await byTestId(page, 'composer-mode-reply').click();
    await send(page, AFTER_NOTE);
    const after = byTestId(view, 'message', { 'data-private': 'false' }).filter({ hasText: AFTER_NOTE });
    await after.waitFor({ timeout: 10_000 });
    await customer.frame.getByText(AFTER_NOTE).waitFor({ timeout: 10_000 });
    expect(await customer.frame.locator('body').textContent()).not.toContain(NOTE);

    const history = await customerHistory(server, customer.session().sessionToken, conversationId);
    expect(history.map((m) => m.content)).toEqual(expect.arrayContaining([FIRST, REPLY, AFTER_NOTE]));
    expect(history.filter((m) => m.private || m.content.includes(NOTE))).toEqual([]);
    expect(agent1.errors).toEqual([]);
  });

  it('transfers to a second agent with a note; they see it arrive live in their list and notifications', async () => {
    agent2 = await agentAt(1);
    const other = agent2.page;
    await byTestId(other, 'filter-mine').click();
    const bellBefore = await countOf(other, 'notification-count');
    await markNoReload(other);

    const { page } = agent1;
    await byTestId(page, 'transfer-button').click();
    await pickOption(page, byTestId(page, 'transfer-agent-select'), agent2.name);
    await byTestId(page, 'transfer-note').fill(TRANSFER_NOTE);
    await byTestId(page, 'transfer-confirm').click();

    await conversationItem(other, conversationId).waitFor({ timeout: 10_000 });
    await expect.poll(() => countOf(other, 'notification-count'), { timeout: 10_000 }).toBe(bellBefore + 1);
    expect(await reloaded(other)).toBe(false);
    await byTestId(other, 'notification-bell').click();
    await byTestId(other, 'notification-item').first().waitFor({ timeout: 10_000 });
    await other.keyboard.press('Escape');

    const stored = await admin<Conversation>('GET', `/api/v1/conversations/${conversationId}`);
    expect(stored.body.assignee).toMatchObject({ type: 'user', id: agent2.id });
    // agent2 finds the note in the timeline; the customer never gets it
    await conversationItem(other, conversationId).click();
    await byTestId(viewOf(other), 'message', { 'data-private': 'true' })
      .filter({ hasText: TRANSFER_NOTE })
      .waitFor({ timeout: 10_000 });
    const history = await customerHistory(server, customer.session().sessionToken, conversationId);
    expect(history.filter((m) => m.private || m.content.includes(TRANSFER_NOTE))).toEqual([]);
    expect(await customer.frame.locator('body').textContent()).not.toContain(TRANSFER_NOTE);
    expect(agent1.errors).toEqual([]);
    expect(agent2.errors).toEqual([]);
  });

  it('sends a canned response picked after typing / in the composer', async () => {
    const canned = await cannedHello();
    const page = agent2.page;
    const input = byTestId(page, 'composer-input');
    await input.click();
    await input.pressSequentially('/');
    await byTestId(page, 'canned-suggestions').waitFor({ timeout: 10_000 });
    await byTestId(page, 'canned-item', { 'data-short-code': canned.shortCode }).click();
    await expect.poll(() => fieldText(input)).toBe(canned.content);
    await byTestId(page, 'composer-send').click();

    await byTestId(viewOf(page), 'message', { 'data-sender-type': 'user' })
      .filter({ hasText: canned.content })
      .waitFor({ timeout: 10_000 });
    await expect
      .poll(async () => customer.frame.locator('[data-testid=warmdesk-message]').allTextContents(), {
        timeout: 10_000,
      })
      .toEqual(expect.arrayContaining([expect.stringContaining(canned.content)]));
    const history = await customerHistory(server, customer.session().sessionToken, conversationId);
    expect(history.some((m) => m.content === canned.content && m.sender.type === 'user')).toBe(true);
    expect(agent2.errors).toEqual([]);
  });

  it('resolves the conversation', async () => {
    const page = agent2.page;
    await byTestId(page, 'resolve-button').click();
    await byTestId(viewOf(page), 'status-tag', { 'data-status': 'resolved' }).waitFor({ timeout: 10_000 });
    await byTestId(page, 'reopen-button').waitFor({ timeout: 10_000 });
    const stored = await admin<Conversation>('GET', `/api/v1/conversations/${conversationId}`);
    expect(stored.body.status).toBe('resolved');
    expect(agent2.errors).toEqual([]);
  });

  it('keeps an agent out of the admin console and the admin API', async () => {
    const { page } = agent1;
    await page.goto(`${server.url}/app/admin/users`);
    await byTestId(page, 'forbidden').waitFor({ timeout: 10_000 });
    expect(await byTestId(page, 'users-table').count()).toBe(0);
    expect(await byTestId(page, 'nav-admin').count()).toBe(0);

    const login: Login = server.demo.agents[0] ?? { email: '', password: '' };
    const agentApi = (await loginAs(server, login.email, login.password)).http;
    const attempts: [string, string, unknown?][] = [
      [
        'POST',
        '/api/v1/users',
        { email: 'intruder@example.com', name: 'Intruder', role: 'admin', password: 'x'.repeat(12) },
      ],
      ['POST', '/api/v1/labels', { name: 'agent-made' }],
      ['POST', '/api/v1/canned-responses', { shortCode: 'agentmade', content: 'made by an agent' }],
      ['GET', '/api/v1/audit-log'],
      ['PATCH', '/api/v1/account', { name: 'Taken over' }],
      ['POST', '/api/v1/api-tokens', { name: 'agent token', scopes: ['read'] }],
      ['PATCH', `/api/v1/inboxes/${server.demo.inboxId}`, { name: 'Taken over' }],
      ['GET', `/api/v1/inboxes/${server.demo.inboxId}/secret`],
    ];
    const answers: string[] = [];
    for (const [method, path, body] of attempts) {
      answers.push(`${method} ${path} -> ${(await agentApi(method, path, body)).status}`);
    }
    expect(answers).toEqual(attempts.map(([method, path]) => `${method} ${path} -> 403`));
    const account = await admin<{ name: string }>('GET', '/api/v1/account');
    expect(account.body.name).not.toBe('Taken over');
    expect(agent1.errors).toEqual([]);
  });

  it('works at phone width: list, open, back to the list, customer panel in a drawer', async () => {
    const written = await customerWrites(server, 'Phone test: do you ship to Hangzhou?');
    const phone = await agentAt(0, PHONE);
    const { page } = phone;
    await byTestId(page, 'layout-mobile').waitFor({ timeout: 10_000 });
    expect(await byTestId(page, 'layout-desktop').count()).toBe(0);
    await byTestId(page, 'mobile-tabbar').waitFor();
    expect(await byTestId(page, 'mobile-tabbar').locator('[data-testid=nav-conversations]').isVisible()).toBe(true);

    await byTestId(page, 'filter-unassigned').click();
    await conversationItem(page, written.conversationId).click({ timeout: 10_000 });
    const view = byTestId(page, 'conversation-view', { 'data-conversation-id': written.conversationId });
    await view.waitFor({ timeout: 10_000 });
    await expect.poll(() => byTestId(page, 'conversation-list').isVisible()).toBe(false);
    await byTestId(view, 'message').filter({ hasText: 'do you ship to Hangzhou?' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    await byTestId(page, 'customer-panel-toggle').click();
    const panel = page.locator('.ant-drawer [data-testid=customer-panel]');
    await panel.waitFor({ timeout: 10_000 });
    // Layout widths are fractional (a drawer measured 390.0000024 px once): within the screen, to a pixel.
    expect((await panel.boundingBox())?.width).toBeLessThanOrEqual(PHONE.width + 1);
    await page.locator('.ant-drawer .ant-drawer-close').filter({ visible: true }).click();
    await panel.waitFor({ state: 'hidden', timeout: 10_000 });

    await byTestId(page, 'back-to-list').click();
    await byTestId(page, 'conversation-list').waitFor({ timeout: 10_000 });
    await expect.poll(() => view.isVisible()).toBe(false);
    await conversationItem(page, written.conversationId).waitFor();
    expect(phone.errors).toEqual([]);
  });
});
