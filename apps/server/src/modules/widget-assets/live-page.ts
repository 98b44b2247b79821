import { escapeHtml } from './html.js';

const HOST = /^([a-z0-9.-]+|\[[0-9a-f:.]+\])(:\d{1,5})?$/i;

/**
 * The live viewer page's policy: its own scripts only, the realtime socket on the Host the browser used, images
 * (covers, product cards, avatars) and the replay from anywhere over https, and no framing by other sites.
 */
export function liveCsp(host: string): string {
  const sockets = HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "media-src 'self' blob: https:",
    `connect-src 'self'${sockets}`,
    "frame-ancestors 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

export type LivePage = { lang: 'zh-CN' | 'en'; jsVersion: string; cssVersion: string | undefined };

/** The page at /live/:slug; the viewer app (apps/widget/src/live) reads the slug from the URL and renders `#app`. */
export function liveHtml(p: LivePage): string {
  const zh = p.lang === 'zh-CN';
  const title = zh ? '直播间' : 'Live room';
  const noscript = zh
    ? '请在浏览器中启用 JavaScript 以观看直播。'
    : 'Please enable JavaScript to watch the live stream.';
  return `<!doctype html>
<html lang="${escapeHtml(p.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>${title}</title>
${p.cssVersion ? `<link rel="stylesheet" href="/widget/live.css?v=${p.cssVersion}">\n` : ''}<script type="module" src="/widget/live.js?v=${p.jsVersion}"></script>
</head>
<body>
<div id="app"></div>
<noscript>${noscript}</noscript>
</body>
</html>
`;
}
