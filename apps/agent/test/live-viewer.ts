import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestBrowser } from '../../widget/test/browser.js';
import { byTestId, newPage } from './agent-browser.js';

/** The live room's viewer page (/live/:slug) as the browser tests read it. */
export type Viewer = { context: BrowserContext; page: Page; errors: string[]; contactId: string };

/** The product card's link in the live tests; its shop is answered by the viewer's browser context. */
export const CARD_LINK = 'https://shop.example.com/kettle';

/** Video frames the viewer page decoded so far (`window.__warmdeskLive`), 0 before any. */
export const framesOf = (page: Page) =>
  page.evaluate('window.__warmdeskLive ? window.__warmdeskLive.framesDecoded() : 0') as Promise<number>;

/** The viewer's contact id once the page's session is open. */
export const contactOf = (page: Page) =>
  page.evaluate('window.__warmdeskLivePage ? window.__warmdeskLivePage.state.contactId || "" : ""') as Promise<string>;

/** A phone-sized browser profile of its own opening the share link, once its session is open. */
export async function openViewer(browser: TestBrowser, shareUrl: string): Promise<Viewer> {
  const { context, page, errors } = await newPage(browser, { width: 390, height: 844 });
  // The product card's shop, answered here (the test machine has no internet)
  await context.route(`${CARD_LINK}**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<h1>Kettle</h1>' }),
  );
  await page.goto(shareUrl);
  await byTestId(page, 'live-page').waitFor({ timeout: 15_000 });
  await expect.poll(() => contactOf(page), { timeout: 15_000 }).not.toBe('');
  return { context, page, errors, contactId: await contactOf(page) };
}
