import { createServer } from 'node:http';

/** Stub defining `window.Warmdesk` before the loader arrives: calls queue in `Warmdesk.q` (docs/widget.md). */
export const ASYNC_STUB = `window.Warmdesk = window.Warmdesk || { q: [] };
['open', 'close', 'toggle', 'identify', 'setAttributes', 'track', 'on', 'off'].forEach(function (m) {
  window.Warmdesk[m] = window.Warmdesk[m] || function () { window.Warmdesk.q.push([m].concat([].slice.call(arguments))); };
});`;

export type HostSite = { origin: string; close: () => Promise<void> };

/**
 * A customer's site on its own port of 127.0.0.1 (another origin than the Warmdesk server): every path answers a
 * plain page with the embed snippet. `?early=<js>` runs that script (after the async stub) before the loader.
 */
export async function startHostSite(warmdeskUrl: string, inboxKey: string): Promise<HostSite> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname === '/favicon.ico') return void res.writeHead(404).end();
    const early = url.searchParams.get('early');
    const head = early ? `<script>${ASYNC_STUB}\n${early}</script>` : '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test shop</title>${head}</head>
<body style="font:16px system-ui;margin:40px"><h1 tabindex="-1">A customer's shop</h1><p>Products and prices.</p>
<input id="search" placeholder="search">
<script src="${warmdeskUrl}/widget.js" data-inbox="${inboxKey}" async></script>
</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
