import type { AuditEntry, Conversation, WidgetConfig } from '@warmdesk/protocol';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, loginAs, startTestServer, type TestServer } from '../../server/test/harness.js';
import { launchBrowser, type TestBrowser } from '../../widget/test/browser.js';
import {
  assertBuilt,
  byTestId,
  conversationItem,
  fieldText,
  newPage,
  pickOption,
  routeManually,
  signIn,
} from './agent-browser.js';
import { customerWrites } from './customer-api.js';

/*
 * The admin console of issue #4 in real Chromium against the real server, as the demo admin: invite a user (who
 * accepts in a fresh browser), canned responses and labels the workspace then offers, the widget's greeting with
 * its live preview, API tokens, the account's name, and the audit log recording all of it.
 */

let server: TestServer;
let browser: TestBrowser;
let page: Page;
let errors: string[];
const contexts: BrowserContext[] = [];

const INVITED = { email: 'zhao.xin@example.com', name: 'Zhao Xin (invited)', password: 'a-good-passw0rd' };
// the demo seed has /refund and /hello already
const CANNED = { shortCode: 'ship-e2e', content: 'Your parcel ships within 24 hours (e2e). 我们会在 24 小时内发货。' };
const LABEL = 'vip-e2e';
const GREETING = 'Welcome to Warm Shop (e2e)! 欢迎光临暖心小店';
const TOKEN_NAME = 'Shop backend (e2e)';
const ACCOUNT_NAME = 'Warm Shop 暖心小店 (e2e)';

beforeAll(async () => {
  assertBuilt();
  server = await startTestServer();
  await routeManually(server);
  browser = await launchBrowser();
  const opened = await newPage(browser);
  contexts.push(opened.context);
  page = opened.page;
  errors = opened.errors;
  await signIn(page, server, server.demo.admin, '/app/admin/users');
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

const adminApi = async () => (await loginAs(server, server.demo.admin.email, server.demo.admin.password)).http;

async function section(name: string, table: string) {
  await byTestId(page, `admin-nav-${name}`).click();
  await byTestId(page, table).waitFor({ timeout: 10_000 });
}

describe('admin console in a browser', () => {
  it('invites a user, who sets a password from the link and lands signed in on the workspace', async () => {
    await section('users', 'users-table');
    await byTestId(page, 'invite-button').click();
    await byTestId(page, 'invite-email').fill(INVITED.email);
    await byTestId(page, 'invite-name').fill(INVITED.name);
    await byTestId(page, 'invite-submit').click();
    const link = byTestId(page, 'invite-link');
    await link.waitFor({ timeout: 10_000 });
    const url = /https?:\/\/\S+\/app\/accept-invite#code=[\w-]+/.exec((await link.textContent()) ?? '')?.[0];
    expect(url).toBeDefined();
    await page.keyboard.press('Escape');
    await byTestId(page, 'users-table').getByText(INVITED.email).waitFor({ timeout: 10_000 });

    const invitee = await newPage(browser);
    contexts.push(invitee.context);
    await invitee.page.goto(url ?? '');
    await byTestId(invitee.page, 'accept-invite-password').fill(INVITED.password);
    await byTestId(invitee.page, 'accept-invite-confirm').fill(INVITED.password);
    await byTestId(invitee.page, 'accept-invite-submit').click();
    await invitee.page.waitForURL((u) => u.pathname.startsWith('/app/conversations'), { timeout: 15_000 });
    await byTestId(invitee.page, 'conversation-list').waitFor({ timeout: 10_000 });
    const me = await invitee.page.evaluate(() =>
      fetch('/api/v1/auth/me').then((r) => r.json() as Promise<{ user: { email: string; name: string } }>),
    );
    expect(me.user).toMatchObject({ email: INVITED.email, name: INVITED.name });
    // the password they chose signs them in from now on
    expect((await loginAs(server, INVITED.email, INVITED.password)).user.id).toBeTruthy();
    expect(invitee.errors).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('creates a canned response and a label, which the workspace then offers', async () => {
    await section('canned', 'canned-table');
    await byTestId(page, 'canned-new').click();
    await byTestId(page, 'canned-shortcode').fill(CANNED.shortCode);
    await byTestId(page, 'canned-content').fill(CANNED.content);
    await byTestId(page, 'canned-save').click();
    await byTestId(page, 'canned-table').getByText(CANNED.content).waitFor({ timeout: 10_000 });

    await section('labels', 'labels-table');
    await byTestId(page, 'label-new').click();
    await byTestId(page, 'label-name').fill(LABEL);
    await byTestId(page, 'label-save').click();
    await byTestId(page, 'labels-table').getByText(LABEL, { exact: true }).waitFor({ timeout: 10_000 });

    // In the workspace: `/` offers the canned response, the labels select offers the label.
    const written = await customerWrites(server, 'Can I get a refund for order #3003?');
    await byTestId(page, 'nav-conversations').click();
    await byTestId(page, 'filter-unassigned').click();
    await conversationItem(page, written.conversationId).click({ timeout: 10_000 });
    await byTestId(page, 'conversation-view', { 'data-conversation-id': written.conversationId }).waitFor();
    const input = byTestId(page, 'composer-input');
    await input.click();
    await input.pressSequentially('/ship');
    await byTestId(page, 'canned-suggestions').waitFor({ timeout: 10_000 });
    await byTestId(page, 'canned-item', { 'data-short-code': CANNED.shortCode }).click();
    await expect.poll(() => fieldText(input)).toBe(CANNED.content);

    await pickOption(page, byTestId(page, 'labels-select'), LABEL);
    await page.keyboard.press('Escape');
    const api = await adminApi();
    await expect
      .poll(
        async () => (await api<Conversation>('GET', `/api/v1/conversations/${written.conversationId}`)).body.labels,
        {
          timeout: 10_000,
        },
      )
      .toContain(LABEL);
    expect(errors).toEqual([]);
  });

  it('changes the widget greeting with a live preview; once saved the widget config carries it', async () => {
    const config = () =>
      http(server.url)<WidgetConfig>('GET', `/api/v1/widget/config?inboxKey=${server.demo.inboxKey}`);
    await byTestId(page, 'nav-admin').click();
    await byTestId(page, 'admin-nav-inboxes').click();
    await page.getByText('Demo shop website').first().click({ timeout: 10_000 });
    const form = byTestId(page, 'inbox-settings-form');
    await form.waitFor({ timeout: 10_000 });

    await byTestId(page, 'widget-greeting').fill(GREETING);
    await expect.poll(() => byTestId(page, 'widget-preview').textContent(), { timeout: 5000 }).toContain(GREETING);
    expect((await config()).body.settings.greeting).not.toBe(GREETING);
    await form.locator('button[type=submit]').click();
    await expect.poll(async () => (await config()).body.settings.greeting, { timeout: 10_000 }).toBe(GREETING);

    // The embed snippet names the inbox; the identity-verification secret shows on demand.
    await page.locator('.ant-tabs-tab[data-node-key="embed"]').click();
    await expect
      .poll(() => byTestId(page, 'embed-snippet').first().textContent(), { timeout: 10_000 })
      .toContain(`data-inbox="${server.demo.inboxKey}"`);
    await page.locator('.ant-tabs-tab[data-node-key="secret"]').click();
    await byTestId(page, 'secret-show').click();
    const secret = await (await adminApi())<{ secret: string }>('GET', `/api/v1/inboxes/${server.demo.inboxId}/secret`);
    await expect
      .poll(() => byTestId(page, 'secret-value').textContent(), { timeout: 10_000 })
      .toContain(secret.body.secret);
    expect(errors).toEqual([]);
  });

  it('creates an API token that works, then revokes it and it answers 401', async () => {
    await section('tokens', 'tokens-table');
    await byTestId(page, 'token-new').click();
    await byTestId(page, 'token-name').fill(TOKEN_NAME);
    await byTestId(page, 'token-save').click();
    const shown = byTestId(page, 'token-value');
    await shown.waitFor({ timeout: 10_000 });
    const token = /wdt_[\w-]+/.exec(await fieldText(shown))?.[0] ?? '';
    expect(token).not.toBe('');
    const withToken = http(server.url, { authorization: `Bearer ${token}` });
    expect((await withToken('GET', '/api/v1/conversations')).status).toBe(200);
    await page.keyboard.press('Escape');

    const row = byTestId(page, 'tokens-table').locator('tr').filter({ hasText: TOKEN_NAME });
    await row.locator('[data-testid=token-revoke]').click({ timeout: 10_000 });
    await page.locator('.ant-popconfirm-buttons .ant-btn-primary').filter({ visible: true }).click();
    await expect
      .poll(async () => (await withToken('GET', '/api/v1/conversations')).status, { timeout: 10_000 })
      .toBe(401);
    expect(errors).toEqual([]);
  });

  it('renames the account', async () => {
    await byTestId(page, 'admin-nav-account').click();
    await byTestId(page, 'account-form').waitFor({ timeout: 10_000 });
    await byTestId(page, 'account-name').fill(ACCOUNT_NAME);
    await byTestId(page, 'account-save').click();
    const api = await adminApi();
    await expect
      .poll(async () => (await api<{ name: string }>('GET', '/api/v1/account')).body.name, { timeout: 10_000 })
      .toBe(ACCOUNT_NAME);
    expect(errors).toEqual([]);
  });

  it('shows these actions in the audit log', async () => {
    const api = await adminApi();
    const log = await api<{ items: AuditEntry[] }>('GET', '/api/v1/audit-log?limit=100');
    expect(log.status).toBe(200);
    const recorded = log.body.items.map((e) => e.action);
    const expected = [
      /^user\.invit/,
      /^canned[a-z_]*\.created$/,
      /^label\.created$/,
      /^inbox\.updated$/,
      /^inbox\.secret_viewed$/,
      /^api_token\.created$/,
      /^api_token\.revoked$/,
      /^account\.updated$/,
    ];
    const actions = expected.map((re) => recorded.find((a) => re.test(a)) ?? `missing ${re}`);
    expect(actions.filter((a) => a.startsWith('missing'))).toEqual([]);

    await section('audit', 'audit-table');
    for (const action of actions) {
      await byTestId(page, 'audit-table').locator(`[title="${action}"]`).first().waitFor({ timeout: 10_000 });
    }
    expect(errors).toEqual([]);
  });
});
