/**
 * A stand-in for the widget app at /widget/frame, speaking the bridge protocol (src/bridge.ts): it posts
 * `warmdesk:ready`, records what the loader sends in `window.received`, and `window.toHost(message)` posts to
 * the host origin learnt from `init`. Tests serve it with Playwright's request routing, at the real frame URL,
 * so the loader's origin checks see the Warmdesk origin.
 */
export const standInFrameHtml = () => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>stand-in widget</title>
<style>body{margin:0;font:14px system-ui;background:#fff}h1{font-size:16px;margin:0;padding:16px;background:#eee}pre{padding:0 16px}</style>
</head><body><h1>Stand-in widget app</h1><pre id="log"></pre>
<script>
window.received = [];
var hostOrigin = null;
addEventListener('message', function (e) {
  if (e.source !== parent) return;
  if (e.data && e.data.type === 'warmdesk:init') hostOrigin = e.origin;
  if (e.origin !== hostOrigin) return;
  window.received.push(e.data);
  document.getElementById('log').textContent = window.received.map(function (m) { return m.type; }).join('\\n');
});
window.toHost = function (message) { parent.postMessage(message, hostOrigin); };
parent.postMessage({ type: 'warmdesk:ready' }, '*');
</script></body></html>`;
