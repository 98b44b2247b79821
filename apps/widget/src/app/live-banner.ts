import type { LiveNow } from '@warmdesk/protocol';
import type { WidgetStore } from './store.js';

/*
 * The "live now" banner, a lazily loaded chunk (the widget's first load only carries the import call): shown
 * when the inbox's config lists live rooms. It opens the room's page in a new tab and, once that page says it is
 * ready, hands it the customer's identity (as the site vouched for it) so a verified customer is recognised.
 * Plain DOM, not Preact: importing Preact here would split the app's shared chunks and cost the first load.
 */
const text = { en: 'Live now', 'zh-CN': '正在直播' } as const;
const hide = { en: 'Hide', 'zh-CN': '关闭' } as const;

const BAR =
  'position:fixed;top:64px;left:8px;right:8px;z-index:5;display:flex;gap:6px;align-items:center;padding:6px 10px;' +
  'border-radius:8px;background:#e5484d;color:#fff;font-size:13px;box-shadow:0 2px 8px rgba(0,0,0,.2)';
const LINK =
  'display:block;border:0;background:none;color:inherit;padding:0;text-align:left;font:inherit;text-decoration:underline';

function open(store: WidgetStore, room: LiveNow): void {
  const tab = window.open(room.url, '_blank');
  const identity = store.identity;
  if (!tab || !identity) return;
  const origin = new URL(room.url, location.href).origin;
  const onReady = (event: MessageEvent) => {
    if (event.source !== tab || event.origin !== origin || event.data?.type !== 'warmdesk:live-ready') return;
    window.removeEventListener('message', onReady);
    tab.postMessage({ type: 'warmdesk:identify', ...identity }, origin);
  };
  window.addEventListener('message', onReady);
  // the page never answered (closed, another site): stop waiting
  setTimeout(() => window.removeEventListener('message', onReady), 60_000);
}

function button(label: string, style: string, onClick: () => void): HTMLButtonElement {
  const el = document.createElement('button');
  el.type = 'button';
  el.textContent = label;
  el.style.cssText = style;
  el.addEventListener('click', onClick);
  return el;
}

let bar: HTMLElement | null = null;

/** Shows (or updates) the banner for the config's live rooms; the store calls it whenever a config lists some. */
export function show(store: WidgetStore): void {
  const locale = store.state.locale;
  const rooms = store.state.config?.liveNow ?? [];
  bar?.remove();
  bar = document.createElement('div');
  bar.setAttribute('role', 'status');
  bar.dataset.testid = 'warmdesk-live-banner';
  bar.style.cssText = BAR;
  const dot = document.createElement('span');
  dot.textContent = '●';
  dot.setAttribute('aria-hidden', 'true');
  const list = document.createElement('span');
  list.style.cssText = 'flex:1;min-width:0';
  for (const room of rooms) {
    const link = button(`${text[locale]}: ${room.title}`, LINK, () => open(store, room));
    link.dataset.testid = 'warmdesk-live-open';
    list.append(link);
  }
  const close = button('×', 'border:0;background:none;color:inherit;font-size:16px', () => bar?.remove());
  close.setAttribute('aria-label', hide[locale]);
  bar.append(dot, list, close);
  document.body.append(bar);
}
