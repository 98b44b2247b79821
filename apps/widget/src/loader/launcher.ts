import type { WidgetConfig } from '@warmdesk/protocol';
import type { Texts } from './i18n.js';

/** Dark icon on a light theme colour, white otherwise. */
function foreground(color: string): string {
  const n = Number.parseInt(color.slice(1), 16);
  return (n >> 16) * 299 + ((n >> 8) & 255) * 587 + (n & 255) * 114 > 160_000 ? '#111' : '#fff';
}

/**
 * Draws the launcher button in the shadow root of a `<warmdesk-widget>` element: the host page's CSS cannot
 * reach it, and it cannot reach the host page. host.js adds the panel, the badge and the close icon.
 */
export function drawLauncher(settings: WidgetConfig['settings'], texts: Texts): [ShadowRoot, HTMLButtonElement] {
  const color = /^#[0-9a-f]{6}$/i.test(settings.color) ? settings.color : '#1f6feb';
  const host = document.createElement('warmdesk-widget');
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML =
    `<style>:host{all:initial}.l,.p{position:fixed;${settings.position === 'left' ? 'left' : 'right'}:20px;z-index:2147483647}` +
    `.l{bottom:20px;padding:14px;border:0;border-radius:50%;background:${color};color:${foreground(color)};cursor:pointer;box-shadow:0 4px 14px #0004}` +
    'svg{display:block;width:28px;height:28px;fill:currentColor}</style>' +
    `<div><button class="l" data-testid="warmdesk-launcher" aria-label="${texts.open}" aria-expanded="false">` +
    '<svg class="i" viewBox="0 0 24 24"><path d="M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2z"/></svg></button></div>';
  document.body.appendChild(host);
  return [root, root.querySelector('button') as HTMLButtonElement];
}
