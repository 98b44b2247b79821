import type { ProactiveRule } from '@warmdesk/protocol';
import { readStore, writeStore } from './storage.js';

/** The first time stored under `key` (stores `now` when there is none). */
function first(store: 'localStorage' | 'sessionStorage', key: string, now: string): number {
  const stored = readStore(store, key);
  if (!stored) writeStore(store, key, now);
  return +(stored || now);
}

/** Whether this browser's first visit (localStorage) was before this browser session began (sessionStorage). */
export function isReturningVisitor(inboxKey: string): boolean {
  const key = `warmdesk:${inboxKey}:visit`;
  const now = `${Date.now()}`;
  return first('localStorage', key, now) < first('sessionStorage', key, now);
}

/**
 * Starts a timer for each rule that matches the current page; the first to fire greets (once per browser
 * session). Returns a function cancelling the timers (called again after a single-page-app navigation).
 */
export function scheduleProactive(
  rules: ProactiveRule[],
  inboxKey: string,
  returning: boolean,
  greet: (message: string) => void,
): () => void {
  const greeted = `warmdesk:${inboxKey}:greeted`;
  const timers = rules
    .filter((r) => location.href.includes(r.urlContains) && (returning || !r.returningOnly))
    .map((r) =>
      setTimeout(() => {
        if (!readStore('sessionStorage', greeted)) greet(r.message);
        writeStore('sessionStorage', greeted, '1');
      }, r.afterSeconds * 1000),
    );
  return () => timers.forEach(clearTimeout);
}
