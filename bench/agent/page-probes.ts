import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { round } from '../messaging/stats.js';

export const LIST_SELECTOR = '[data-testid=conversation-list]';
const LIST_MARK = 'warmdesk:list-painted';
const ITEM_MARK = 'warmdesk:first-item-painted';

/*
 * Runs in every page before its own scripts: marks (performance.mark, so relative to the navigation's start) the
 * first frame painted once the conversation list is visible, and once it shows a conversation. A rAF callback runs
 * just before a paint; a task queued from it runs just after. A string, not a function: tsx wraps named functions
 * in a helper the page does not have.
 */
export const PAINT_MARKS = `(() => {
  const painted = (name) => requestAnimationFrame(() => setTimeout(() => performance.mark(name), 0));
  let list = false;
  let item = false;
  const seen = new MutationObserver(() => {
    const el = document.querySelector(${JSON.stringify(LIST_SELECTOR)});
    if (!list && el && el.getClientRects().length > 0) { list = true; painted(${JSON.stringify(LIST_MARK)}); }
    if (!item && el && el.querySelector('[data-testid=conversation-item]')) { item = true; painted(${JSON.stringify(ITEM_MARK)}); }
    if (list && item) seen.disconnect();
  });
  seen.observe(document, { subtree: true, childList: true, attributes: true });
})();`;

export type LoadTiming = {
  /** Navigation start to the first frame with the conversation list visible. */
  listMs: number;
  /** Navigation start to the first frame with a conversation in the list (null: none shown within the wait). */
  firstItemMs: number | null;
  /** JS files this load took from the network rather than the HTTP cache (transferSize > 0). */
  jsFromNetwork: number;
  /** Where the time goes: scripts run (DOMContentLoaded), the session known, the list's first page asked, received. */
  breakdown: {
    domContentLoadedMs: number;
    sessionMs: number | null;
    listRequestedMs: number | null;
    listFetchedMs: number | null;
  };
};

/** Waits (bounded) for the list mark of the page's current document and reads the marks. */
export async function readLoadTiming(page: Page, timeoutMs = 15_000): Promise<LoadTiming> {
  await page
    .waitForFunction((name) => performance.getEntriesByName(name).length > 0, LIST_MARK, { timeout: timeoutMs })
    .catch(async (err: unknown) => {
      const text = await page.evaluate(() => document.body?.textContent ?? '').catch(() => '');
      throw new Error(`no conversation list on ${page.url()} (page says: ${text.slice(0, 300)})`, { cause: err });
    });
  // The list may paint before its first page of conversations arrives: give the items a little longer.
  await page
    .waitForFunction((name) => performance.getEntriesByName(name).length > 0, ITEM_MARK, { timeout: 3000 })
    .catch(() => undefined);
  return page.evaluate(
    ([listMark, itemMark]) => {
      // no named helper functions in here (see PAINT_MARKS)
      const list = performance.getEntriesByName(listMark)[0]?.startTime;
      const item = performance.getEntriesByName(itemMark)[0]?.startTime;
      const resources = performance.getEntriesByType('resource').filter((e) => e instanceof PerformanceResourceTiming);
      const js = resources.filter((e) => e.name.endsWith('.js') && e.transferSize > 0);
      const session = resources.find((e) => e.name.includes('/api/v1/auth/me'))?.responseEnd;
      const listed = resources.find((e) => /\/api\/v1\/conversations(\?|$)/.test(e.name));
      const navigation = performance.getEntriesByType('navigation')[0];
      return {
        listMs: Math.round(list ?? Number.NaN),
        firstItemMs: item === undefined ? null : Math.round(item),
        jsFromNetwork: js.length,
        breakdown: {
          domContentLoadedMs: Math.round(
            navigation instanceof PerformanceNavigationTiming ? navigation.domContentLoadedEventEnd : Number.NaN,
          ),
          sessionMs: session === undefined ? null : Math.round(session),
          listRequestedMs: listed ? Math.round(listed.startTime) : null,
          listFetchedMs: listed ? Math.round(listed.responseEnd) : null,
        },
      };
    },
    [LIST_MARK, ITEM_MARK] as const,
  );
}

export type Chunk = { file: string; kind: 'js' | 'css'; loadedBy: 'html' | 'route'; kb: number; gzKb: number };

/**
 * Records the app's JS and CSS files a context fetches from the server, with their sizes as sent and gzipped
 * (the server sends them uncompressed; gzip is what a proxy in front of it would send). `loadedBy: 'html'` are
 * the files index.html names (entry and preloads); the rest were loaded by the router for the route.
 */
export function recordChunks(context: BrowserContext, baseUrl: string) {
  const pending: Promise<Chunk | null>[] = [];
  let html = '';
  context.on('response', (res) => {
    const url = new URL(res.url());
    if (!url.href.startsWith(`${baseUrl}/app/`) || res.status() !== 200) return;
    if (res.request().isNavigationRequest()) {
      pending.push(
        res.text().then((text) => {
          html = text;
          return null;
        }),
      );
      return;
    }
    if (!url.pathname.startsWith('/app/assets/')) return; // sw.js, the manifest, icons: not part of the page load
    const file = basename(url.pathname);
    const kind = file.endsWith('.js') ? 'js' : file.endsWith('.css') ? 'css' : null;
    if (!kind) return;
    pending.push(
      res.body().then(
        (body) => {
          return {
            file,
            kind,
            loadedBy: 'route',
            kb: round(body.length / 1024),
            gzKb: round(gzipSync(body, { level: 9 }).length / 1024),
          };
        },
        () => null,
      ),
    );
  });
  return async () => {
    const chunks = (await Promise.all(pending)).filter((c): c is Chunk => c !== null);
    for (const c of chunks) if (html.includes(c.file)) c.loadedBy = 'html';
    const sum = (kind: Chunk['kind'], field: 'kb' | 'gzKb') =>
      round(chunks.filter((c) => c.kind === kind).reduce((s, c) => s + c[field], 0));
    return {
      initialJsKb: sum('js', 'kb'),
      initialJsKbGz: sum('js', 'gzKb'),
      initialCssKbGz: sum('css', 'gzKb'),
      files: chunks.sort((a, b) => b.gzKb - a.gzKb),
    };
  };
}
