import { execFileSync } from 'node:child_process';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/harness.js';
import { launchBrowser, type TestBrowser } from '../../widget/test/browser.js';
import {
  assertBuilt,
  byTestId,
  conversationItem,
  type Language,
  newPage,
  PHONE,
  routeManually,
  screenshot,
  signIn,
  submitLogin,
  switchLanguage,
} from './agent-browser.js';
import { customerWrites } from './customer-api.js';

/*
 * Screenshots of the main screens in both languages, saved to artifacts/agent/<screen>-<language>.png: login, the
 * conversation list with an open conversation and its customer panel, admin users, inbox settings with the
 * widget preview, and a conversation at phone width. Each screen is checked to be in the language chosen.
 */

let server: TestServer;
let browser: TestBrowser;
let conversationId = '';
const contexts: BrowserContext[] = [];

const CJK = /[\u4e00-\u9fff]/;

beforeAll(async () => {
  assertBuilt();
  server = await startTestServer();
  await routeManually(server);
  browser = await launchBrowser();
  const written = await customerWrites(server, '你好，我的订单 #1001 什么时候发货？ When does order #1001 ship?');
  conversationId = written.conversationId;
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

/** Chinese screenshots need a CJK font on the machine, or every character is a box. */
function assertCjkFont(): void {
  const fonts = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim();
  if (!fonts) throw new Error('no CJK font for chromium: install one (apt-get install -y fonts-wqy-microhei)');
}

/** The screen's navigation and buttons are in `language` (Chinese characters in zh-CN, none in en). */
async function expectLanguage(page: Page, language: Language, testId: string) {
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
  const text = (await byTestId(page, testId).first().textContent()) ?? '';
  if (language === 'zh-CN') expect(text).toMatch(CJK);
  else expect(text).not.toMatch(CJK);
}

async function openConversation(page: Page) {
  await byTestId(page, 'filter-unassigned').click();
  await conversationItem(page, conversationId).click({ timeout: 10_000 });
  await byTestId(page, 'conversation-view', { 'data-conversation-id': conversationId }).waitFor({ timeout: 10_000 });
}

describe('screenshots of the main screens', () => {
  for (const language of ['en', 'zh-CN'] as const) {
    it(`in ${language}`, async () => {
      if (language === 'zh-CN') assertCjkFont();
      // The login screen in a fresh profile, the language picked on it; signing in keeps it.
      const desk = await newPage(browser);
      contexts.push(desk.context);
      const { page } = desk;
      await page.goto(`${server.url}/app/login`);
      await byTestId(page, 'login-email').waitFor({ timeout: 15_000 });
      await switchLanguage(page, language);
      await expectLanguage(page, language, 'login-submit');
      await screenshot(page, `login-${language}`);
      await submitLogin(page, server.demo.admin);
      // signed in, the user's own setting (the header's switch saves it) decides: the phone below follows it
      await switchLanguage(page, language);
      await expectLanguage(page, language, 'nav-conversations');

      await openConversation(page);
      const panel = byTestId(page, 'customer-panel');
      const shown = await panel.waitFor({ timeout: 5000 }).then(
        () => true,
        () => false,
      );
      if (!shown) await byTestId(page, 'customer-panel-toggle').click();
      await panel.waitFor({ timeout: 10_000 });
      await screenshot(page, `conversation-${language}`);

      await byTestId(page, 'nav-admin').click();
      await byTestId(page, 'admin-nav-users').click();
      await byTestId(page, 'users-table').waitFor({ timeout: 10_000 });
      await expectLanguage(page, language, 'admin-nav-users');
      await screenshot(page, `admin-users-${language}`);

      await byTestId(page, 'admin-nav-inboxes').click();
      await page.getByText('Demo shop website').first().click({ timeout: 10_000 });
      await byTestId(page, 'inbox-settings-form').waitFor({ timeout: 10_000 });
      await byTestId(page, 'widget-preview').waitFor({ timeout: 10_000 });
      await screenshot(page, `admin-inbox-settings-${language}`);

      const phone = await newPage(browser, PHONE);
      contexts.push(phone.context);
      await signIn(phone.page, server, server.demo.admin);
      await byTestId(phone.page, 'layout-mobile').waitFor({ timeout: 10_000 });
      await expectLanguage(phone.page, language, 'filter-all');
      await openConversation(phone.page);
      await screenshot(phone.page, `phone-conversation-${language}`);

      expect([...desk.errors, ...phone.errors]).toEqual([]);
    });
  }
});
