import type { Core } from '../api.js';

/** Panel ~380x600 next to the launcher; full-screen on phones, where the open panel covers the launcher. */
const CSS =
  '.x{display:none;stroke:currentColor;stroke-width:2.4}.o .i{display:none}.o .x{display:block}' +
  '.b{position:absolute;top:-4px;right:-4px;padding:0 6px;border-radius:9px;background:#e5484d;color:#fff;font:600 12px/18px system-ui,sans-serif}.b:empty{display:none}' +
  '.p{bottom:88px;width:380px;height:600px;max-width:calc(100% - 40px);max-height:calc(100% - 108px);border-radius:12px;overflow:hidden;background:#fff;box-shadow:0 8px 30px #0004;visibility:hidden;opacity:0;transform:translateY(12px);transition:.2s}' +
  '.o .p{visibility:visible;opacity:1;transform:none}iframe{display:block;width:100%;height:100%;border:0}' +
  '@media (max-width:480px){.p{top:0;left:0;width:100%;height:100%;max-width:none;max-height:none;border-radius:0}.o .l{display:none}}' +
  '@media (prefers-reduced-motion:reduce){.p{transition:none}}';

export type Panel = { panel: HTMLElement; render: (open: boolean, unread: number) => void };

/** Adds the panel (empty: the iframe goes in), the close icon and the unread badge to the launcher's shadow root. */
export function drawPanel({ root, launcher, texts }: Core): Panel {
  const style = document.createElement('style');
  style.textContent = CSS;
  root.appendChild(style);
  const wrap = launcher.parentNode as HTMLElement;
  const panel = document.createElement('div');
  panel.className = 'p';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', texts.chat);
  wrap.insertBefore(panel, launcher);
  launcher.insertAdjacentHTML(
    'beforeend',
    '<svg class="x" viewBox="0 0 24 24"><path d="m6 6 12 12M18 6 6 18"/></svg><span class="b"></span>',
  );
  const badge = launcher.lastChild as HTMLElement;
  return {
    panel,
    render: (open, unread) => {
      launcher.setAttribute('aria-label', (open ? texts.close : texts.open) + (unread ? ` (${unread})` : ''));
      launcher.setAttribute('aria-expanded', `${open}`);
      wrap.className = open ? 'o' : '';
      badge.textContent = unread > 99 ? '99+' : unread ? `${unread}` : '';
    },
  };
}
