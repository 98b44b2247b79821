import type { Conversation, Inbox, Message, MessagePage } from '@warmdesk/protocol';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Http, loginAs, startTestServer, type TestServer } from '../../server/test/harness.js';
import { launchBrowser, type TestBrowser } from '../../widget/test/browser.js';
import { assertBuilt, byTestId, newPage, signIn } from './agent-browser.js';
import { customerWrites } from './customer-api.js';

/*
 * Routing of issue #5 in real Chromium against the real server: the admin switches the demo inbox to manual
 * routing in the inbox's Routing tab (kept after a reload and after saving the widget tab) and sets the account's
 * away-after-disconnect grace period; then a customer writes,
 * nobody is assigned, agent1 sees the conversation in the Queue page, takes it, lands in it assigned to them, and
 * the timeline says it was taken from the queue.
 */

let server: TestServer;
let browser: TestBrowser;
let adminApi: Http;
const contexts: BrowserContext[] = [];

const FIRST = 'Is the blue teapot back in stock? (routing e2e)';

beforeAll(async () => {
  assertBuilt();
  server = await startTestServer();
  browser = await launchBrowser();
  adminApi = (await loginAs(server, server.demo.admin.email, server.demo.admin.password)).http;
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function openPage() {
  const opened = await newPage(browser);
  contexts.push(opened.context);
  return opened;
}

const storedInbox = async () => (await adminApi<Inbox>('GET', `/api/v1/inboxes/${server.demo.inboxId}`)).body;
const routingOf = (inbox: Inbox) => inbox.config.routing as { policy?: string } | undefined;
const policyChecked = (page: Page, policy: string) => byTestId(page, `routing-policy-${policy}`).isChecked();

describe('routing in a browser', () => {
  it('admin sets the inbox to manual routing in the Routing tab; it persists', async () => {
    const { page, errors } = await openPage();
    const widget = (await storedInbox()).config.widget;
    await signIn(page, server, server.demo.admin, `/app/admin/inboxes/${server.demo.inboxId}`, 'en');
    await page.locator('.ant-tabs-tab[data-node-key="routing"]').click({ timeout: 15_000 });
    await byTestId(page, 'routing-form').waitFor({ timeout: 15_000 });
    // a fresh inbox routes by least load
    expect(await policyChecked(page, 'least_load')).toBe(true);
    await byTestId(page, 'routing-policy-manual').click();
    await byTestId(page, 'routing-save').click();
    await expect.poll(async () => routingOf(await storedInbox())?.policy, { timeout: 10_000 }).toBe('manual');
    // the whole config is replaced on save: the widget settings are still there
    expect((await storedInbox()).config.widget).toMatchObject(widget as object);

    await page.reload();
    // the tab is in the address
    await byTestId(page, 'routing-form').waitFor({ timeout: 15_000 });
    await expect.poll(() => policyChecked(page, 'manual'), { timeout: 10_000 }).toBe(true);

    // saving the widget tab keeps the routing settings
    await page.locator('.ant-tabs-tab[data-node-key="settings"]').click();
    await byTestId(page, 'inbox-settings-form').waitFor({ timeout: 10_000 });
    await byTestId(page, 'widget-save').click();
    await page.getByText('Saved').first().waitFor({ timeout: 10_000 });
    expect(routingOf(await storedInbox())?.policy).toBe('manual');
    expect(errors).toEqual([]);
  });

  it('admin sets how long a disconnected agent stays online on the account page', async () => {
    const { page, errors } = await openPage();
    await signIn(page, server, server.demo.admin, '/app/admin/account', 'en');
    const field = byTestId(page, 'account-away-after');
    await field.waitFor({ timeout: 15_000 });
    await field.fill('120');
    await byTestId(page, 'account-save').click();
    const stored = async () =>
      (await adminApi<{ awayAfterDisconnectSeconds: number }>('GET', '/api/v1/account')).body
        .awayAfterDisconnectSeconds;
    await expect.poll(stored, { timeout: 10_000 }).toBe(120);
    await page.reload();
    await expect.poll(() => byTestId(page, 'account-away-after').inputValue(), { timeout: 15_000 }).toBe('120');
    expect(errors).toEqual([]);
  });

  it('with manual routing agent1 takes the waiting customer from the Queue page', async () => {
    const login = server.demo.agents[0];
    if (!login) throw new Error('no demo agent');
    const agent = await loginAs(server, login.email, login.password);
    const { page, errors } = await openPage();
    await signIn(page, server, login, '/app/queue', 'en');
    await byTestId(page, 'queue-table').waitFor({ timeout: 15_000 });

    const customer = await customerWrites(server, FIRST);
    const row = byTestId(page, 'queue-row', { 'data-conversation-id': customer.conversationId });
    await row.waitFor({ timeout: 15_000 });
    await expect.poll(() => row.textContent(), { timeout: 5_000 }).toContain(FIRST);
    // manual: nobody was assigned while it waited
    const waiting = await adminApi<Conversation>('GET', `/api/v1/conversations/${customer.conversationId}`);
    expect(waiting.body.assignee).toBeNull();

    await byTestId(row, 'queue-take').click();
    await page.waitForURL((u) => u.pathname === `/app/conversations/${customer.conversationId}`, {
      timeout: 15_000,
    });
    const view = byTestId(page, 'conversation-view', { 'data-conversation-id': customer.conversationId });
    await view.waitFor({ timeout: 15_000 });
    const taken = await adminApi<Conversation>('GET', `/api/v1/conversations/${customer.conversationId}`);
    expect(taken.body.assignee).toMatchObject({ type: 'user', id: agent.user.id });

    const line = byTestId(view, 'activity', { 'data-decision': 'picked' });
    await expect
      .poll(() => line.first().textContent(), { timeout: 15_000 })
      .toContain(`Taken from the queue by ${login.name}`);
    // it left the queue
    const timeline = await adminApi<MessagePage>(
      'GET',
      `/api/v1/conversations/${customer.conversationId}/messages?limit=100`,
    );
    const decisions = timeline.body.messages
      .map((m: Message) => m.attachments[0])
      .filter((a) => a?.action === 'routing')
      .map((a) => a?.decision);
    expect(decisions).toContain('picked');
    await page.goto(`${server.url}/app/queue`);
    await byTestId(page, 'queue-table').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => byTestId(page, 'queue-row', { 'data-conversation-id': customer.conversationId }).count(), {
        timeout: 10_000,
      })
      .toBe(0);
    expect(errors).toEqual([]);
  });
});
