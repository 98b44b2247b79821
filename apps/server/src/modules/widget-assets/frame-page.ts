import type { WidgetSettings } from '@warmdesk/protocol';
import { escapeHtml } from './html.js';

const HOST = /^([a-z0-9.-]+|\[[0-9a-f:.]+\])(:\d{1,5})?$/i;

function originOf(url: string | null): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The iframe page's policy. `frame-ancestors`: this server and the inbox's allowed origins (any site when the
 * list is empty), so a site the inbox does not list cannot frame the widget. `host` is the Host the browser used,
 * for the realtime socket. The logo, set by the inbox's admin, may live on another site.
 */
export function frameCsp(settings: WidgetSettings, host: string): string {
  const ancestors = settings.allowedOrigins.length > 0 ? settings.allowedOrigins.join(' ') : '*';
  const sockets = HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  const logo = originOf(settings.logoUrl);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    // https: for the images and product cards of knowledge-base answers, which live on the customer's own sites
    `img-src 'self' data: blob: https:${logo ? ` ${logo}` : ''}`,
    `connect-src 'self'${sockets}`,
    `frame-ancestors 'self' ${ancestors}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

export type FramePage = { lang: string; title: string; appVersion: string; cssVersion: string | undefined };

/** The page the loader's iframe opens; the widget app (apps/widget/src/app) renders into `#app`. */
export function frameHtml(p: FramePage): string {
  const noscript =
    p.lang === 'zh-CN' ? '请在浏览器中启用 JavaScript 以使用在线客服。' : 'Please enable JavaScript to chat with us.';
  return `<!doctype html>
<html lang="${escapeHtml(p.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(p.title)}</title>
${p.cssVersion ? `<link rel="stylesheet" href="/widget/app.css?v=${p.cssVersion}">\n` : ''}<script type="module" src="/widget/app.js?v=${p.appVersion}"></script>
</head>
<body>
<div id="app"></div>
<noscript>${noscript}</noscript>
</body>
</html>
`;
}
