import type { WidgetConfig } from '@warmdesk/protocol';
import type { Call, Core } from './api.js';
import { textsFor } from './i18n.js';
import { drawLauncher } from './launcher.js';
import { isReturningVisitor, scheduleProactive } from './proactive.js';
import type { LoaderScript } from './script.js';
import { readStore } from './storage.js';
import { recordPage, watchUrl } from './trail.js';

/** `/widget/host.js?v=<hash of the build>`, set by build.ts: a new widget.js never runs with an old host.js. */
declare const WARMDESK_HOST_PATH: string;

/** Calls that need the panel: they load host.js. */
const NEEDS_HOST = /^(open|toggle|greet)$/;
let wanted = false;
let loading = false;

/**
 * Until host.js has loaded, calls wait here (at most 100: a page tracking events in a loop must not grow it
 * without end). host.js replaces `run` and replays the queue.
 */
export const core = {
  queue: [],
  run: (call: Call) => {
    if (call[0] !== 'context' && core.queue.length < 100) core.queue.push(call);
    if (NEEDS_HOST.test(`${call[0]}`)) loadHost();
  },
} as unknown as Core;

function loadHost(): void {
  wanted = true;
  if (!core.root || loading) return;
  loading = true;
  const script = document.createElement('script');
  script.src = core.origin + WARMDESK_HOST_PATH;
  script.onerror = () => console.warn('Warmdesk: host.js did not load');
  document.body.appendChild(script);
}

/** With the inbox's config: draws the launcher, records the page, arms the proactive rules. */
export function start(script: LoaderScript, config: WidgetConfig): void {
  const settings = config.settings;
  const inboxKey = script.inboxKey;
  const texts = textsFor(settings.locale);
  const [root, launcher] = drawLauncher(settings, texts);
  Object.assign(core, { inboxKey, origin: script.origin, settings, config, texts, root, launcher });
  launcher.onclick = () => core.run(['toggle']);
  recordPage();
  const returning = isReturningVisitor(inboxKey);
  const schedule = () => scheduleProactive(settings.proactive, inboxKey, returning, (m) => core.run(['greet', m]));
  let cancelProactive = schedule();
  watchUrl(() => {
    recordPage();
    core.run(['context']);
    cancelProactive();
    cancelProactive = schedule();
  });
  // a customer with a conversation: load the app in the background, so replies raise the badge
  if (wanted || readStore('localStorage', `warmdesk:${inboxKey}:active`)) loadHost();
  // else fetch host.js (2.5 KB) into the cache once the page is idle: a click then opens the panel sooner
  else
    setTimeout(() => {
      const hint = document.createElement('link');
      hint.rel = 'prefetch';
      hint.href = script.origin + WARMDESK_HOST_PATH;
      document.head.appendChild(hint);
    }, 2000);
}
