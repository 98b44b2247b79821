import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Inbox, WidgetSession } from '@warmdesk/protocol';
import type { BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { loginAs, type TestServer } from '../../server/test/harness.js';
import { ARTIFACTS, type TestBrowser } from '../../widget/test/browser.js';

/** Screenshots of the workspace and admin console land here (under the repo's gitignored artifacts/). */
export const AGENT_ARTIFACTS = join(ARTIFACTS, 'agent');

export type Login = { email: string; password: string };
export type Language = 'en' | 'zh-CN';
export const PHONE = { width: 390, height: 844 };

/** The element with this data-testid (the UI's contract with these tests). */
export const byTestId = (scope: Page | Locator, id: string, attrs: Record<string, string> = {}): Locator =>
  scope.locator(
    `[data-testid="${id}"]${Object.entries(attrs)
      .map(([k, v]) => `[${k}="${v}"]`)
      .join('')}`,
  );

export const conversationItem = (page: Page, conversationId: string) =>
  byTestId(page, 'conversation-item', { 'data-conversation-id': conversationId });

/**
 * Switches the demo inbox to manual routing through the admin API: nobody is assigned automatically, so a new
 * conversation waits in the unassigned list (the tests of issue #4, written before routing, expect that).
 */
export async function routeManually(server: TestServer, inboxId = server.demo.inboxId): Promise<void> {
  const admin = (await loginAs(server, server.demo.admin.email, server.demo.admin.password)).http;
  const inbox = await admin<Inbox>('GET', `/api/v1/inboxes/${inboxId}`);
  const routing = { ...(inbox.body.config.routing as object | undefined), policy: 'manual' };
  const saved = await admin('PATCH', `/api/v1/inboxes/${inboxId}`, { config: { ...inbox.body.config, routing } });
  if (saved.status !== 200) throw new Error(`manual routing: HTTP ${saved.status}`);
}

/** The tests drive the built apps the server serves: fail early, and say how, when a build is missing. */
export function assertBuilt(): void {
  const builds = [
    ['../dist/index.html', '@warmdesk/agent'],
    ['../../widget/dist/app.js', '@warmdesk/widget'],
  ] as const;
  for (const [file, workspace] of builds) {
    if (!existsSync(new URL(file, import.meta.url)))
      throw new Error(`not built: run \`npm run build -w ${workspace}\``);
  }
}

/** A number shown by a count element (a list's count, the notification badge); 0 when it is not shown. */
export async function countOf(page: Page, testId: string): Promise<number> {
  const el = byTestId(page, testId).first();
  if ((await el.count()) === 0 || !(await el.isVisible())) return 0;
  const text = (await el.getAttribute('data-count')) ?? (await el.textContent()) ?? '';
  const n = Number.parseInt(text.replace(/\D/g, ''), 10);
  return Number.isNaN(n) ? 0 : n;
}

/** The text in a field (the composer, a shown token), whether its test id is on the input itself or on a wrapper. */
export function fieldText(input: Locator): Promise<string> {
  return input.evaluate((el) => {
    const field =
      el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement ? el : el.querySelector('textarea');
    return field ? field.value : (el.textContent ?? '');
  });
}

/** Marks the page's document; `reloaded` tells whether it was replaced since (a reload or a full navigation). */
export async function markNoReload(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __wdSameDocument?: boolean }).__wdSameDocument = true;
  });
}
export async function reloaded(page: Page): Promise<boolean> {
  return !(await page.evaluate(() => (window as unknown as { __wdSameDocument?: boolean }).__wdSameDocument === true));
}

/** A page of a fresh browser profile with every page error collected (each test expects none). */
export async function newPage(browser: TestBrowser, size?: { width: number; height: number }) {
  const context = await browser.newContext(size);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return { context, page, errors };
}

/**
 * Signs in through the login form: opening `path` without a session lands on /app/login, and signing in goes back
 * to `path`. With `language`, the login page's language switch picks it first.
 */
export async function signIn(
  page: Page,
  server: TestServer,
  login: Login,
  path = '/app/conversations',
  language?: Language,
) {
  await page.goto(`${server.url}${path}`);
  await byTestId(page, 'login-email').waitFor({ timeout: 15_000 });
  if (language) await switchLanguage(page, language);
  await submitLogin(page, login, path);
}

/** Fills and sends the login form on screen; the app then opens `landing`. */
export async function submitLogin(page: Page, login: Login, landing = '/app/conversations') {
  await byTestId(page, 'login-email').fill(login.email);
  await byTestId(page, 'login-password').fill(login.password);
  await byTestId(page, 'login-submit').click();
  await page.waitForURL((url) => url.pathname === landing, { timeout: 15_000 });
}

/** Waits (bounded) until the user has a live socket on the server: then the widget offers live chat. */
export async function waitUntilConnected(server: TestServer, userId: string, timeoutMs = 15_000) {
  await expect
    .poll(() => server.ctx.presence.connectedUsers(server.demo.accountId).includes(userId), { timeout: timeoutMs })
    .toBe(true);
}

/**
 * Picks an option of an antd Select: the one titled `title` (antd sets the title when the label is plain text),
 * else the one showing `title` among others (a rich label), else by typing it into the select's search + Enter.
 */
export async function pickOption(page: Page, select: Locator, title: string) {
  // On a busy machine a click on an option while antd's dropdown is still opening can be lost: pick again until
  // the select shows the choice (three tries; the caller's own checks say what happened).
  const shows = async () =>
    ((await select.textContent()) ?? '').includes(title) || (await select.locator(`[title="${title}"]`).count()) > 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    await pickOptionOnce(page, select, title);
    for (let i = 0; i < 20; i++) {
      if (await shows()) return;
      await page.waitForTimeout(100);
    }
  }
}

async function pickOptionOnce(page: Page, select: Locator, title: string) {
  await select.click();
  await page.locator('.ant-select-dropdown').filter({ visible: true }).first().waitFor({ timeout: 10_000 });
  const options = page.locator('.ant-select-item-option').filter({ visible: true });
  const titled = options.and(page.locator(`[title="${title}"]`));
  const shown = (await titled.count()) > 0 ? titled : options.filter({ hasText: title });
  if ((await shown.count()) > 0) return shown.first().click({ timeout: 10_000 });
  await page.keyboard.type(title);
  await page.keyboard.press('Enter');
}

export async function switchLanguage(page: Page, language: Language) {
  const lang = () => page.evaluate(() => document.documentElement.lang);
  // A click on an option while antd's dropdown is still opening can be lost on a busy machine: pick again.
  for (let attempt = 0; attempt < 3 && (await lang()) !== language; attempt++) {
    await pickOption(page, byTestId(page, 'language-switch').first(), language === 'en' ? 'English' : '中文');
    for (let i = 0; i < 50 && (await lang()) !== language; i++) await page.waitForTimeout(100);
  }
  await expect.poll(lang).toBe(language);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(AGENT_ARTIFACTS, { recursive: true });
  const path = join(AGENT_ARTIFACTS, `${name}.png`);
  // let fonts and antd's motion settle so the picture shows the screen at rest
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(400);
  await page.screenshot({ path });
  return path;
}

export type DemoCustomer = {
  context: BrowserContext;
  page: Page;
  frame: FrameLocator;
  errors: string[];
  /** The widget session the page created (seen on the network), for the customer's own REST calls. */
  session: () => WidgetSession;
  send: (text: string) => Promise<void>;
};

/** A customer on the demo shop page (`/demo`) with the real widget opened. */
export async function openDemoCustomer(browser: TestBrowser, server: TestServer): Promise<DemoCustomer> {
  const { context, page, errors } = await newPage(browser);
  const sessions: WidgetSession[] = [];
  context.on('response', (res) => {
    if (!res.url().endsWith('/api/v1/widget/sessions') || !res.ok()) return;
    res.json().then(
      (body: WidgetSession) => sessions.push(body),
      () => undefined,
    );
  });
  await page.goto(`${server.url}/demo`);
  await page.getByTestId('warmdesk-launcher').click({ timeout: 15_000 });
  const frame = page.frameLocator('iframe[src*="/widget/frame"]');
  await frame.locator('.wd-panel').waitFor({ timeout: 15_000 });
  return {
    context,
    page,
    frame,
    errors,
    session: () => {
      const last = sessions.at(-1);
      if (!last) throw new Error('the widget created no session');
      return last;
    },
    send: async (text) => {
      const input = frame.getByTestId('warmdesk-input');
      await input.fill(text);
      await input.press('Enter');
    },
  };
}
