import type { BridgePageView } from '../bridge.js';
import { readStore, writeStore } from './storage.js';

const TRAIL_KEY = 'warmdesk:trail';
export const pageUrl = () => location.href.slice(0, 2000);
export const pageTitle = () => document.title.slice(0, 500);

/** Pages of this browser session, oldest first (the host page's sessionStorage). */
export function readTrail(): BridgePageView[] {
  try {
    return JSON.parse(readStore('sessionStorage', TRAIL_KEY) || '[]');
  } catch {
    return [];
  }
}

/** Adds the current page to the trail (last 20). */
export function recordPage(): void {
  const trail = readTrail();
  if (trail[trail.length - 1]?.url === pageUrl()) return;
  trail.push({ url: pageUrl(), title: pageTitle(), at: new Date().toISOString() });
  writeStore('sessionStorage', TRAIL_KEY, JSON.stringify(trail.slice(-20)));
}

/**
 * Calls `onChange` after the URL changed, including single-page-app navigation (history.pushState/replaceState
 * are wrapped). Debounced: routers call replaceState often (scroll restoration) and set the title a moment
 * after changing the URL.
 */
export function watchUrl(onChange: () => void): void {
  let last = location.href;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (location.href !== last) onChange();
      last = location.href;
    }, 300);
  };
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = history[name];
    history[name] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      changed();
    };
  }
  addEventListener('popstate', changed);
  addEventListener('hashchange', changed);
}
