import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeInboxes, startTestServer, type TestServer } from '../../../test/harness.js';
import { createHttpApp, type WarmdeskHttp } from '../../platform/http/app.js';
import { widgetAssetRoutesFrom } from './routes.js';

let server: TestServer;
let built: WarmdeskHttp;
let missing: WarmdeskHttp;
let dirs: string[] = [];

async function appServing(dir: string): Promise<WarmdeskHttp> {
  const app = await createHttpApp(server.ctx, []);
  widgetAssetRoutesFrom(dir)(app, server.ctx);
  await app.ready();
  return app;
}

beforeAll(async () => {
  server = await startTestServer();
  const full = mkdtempSync(join(tmpdir(), 'warmdesk-widget-dist-'));
  for (const [name, body] of Object.entries({
    'widget.js': 'console.log("loader")',
    'host.js': 'console.log("host")',
    'app.js': 'console.log("app")',
    'app.css': 'body{margin:0}',
    'live.js': 'console.log("live")',
    'live.css': '.lv{}',
    'live-banner.js': 'export function show() {}',
  }))
    writeFileSync(join(full, name), body);
  mkdirSync(join(full, 'chunks'));
  writeFileSync(join(full, 'chunks', 'call-ABC123.js'), 'export const call = 1;');
  const parent = mkdtempSync(join(tmpdir(), 'warmdesk-widget-none-'));
  dirs = [full, parent];
  built = await appServing(full);
  missing = await appServing(join(parent, 'dist'));
});
afterAll(async () => {
  await built?.close();
  await missing?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await server.stop();
});

async function setWidget(settings: Record<string, unknown>) {
  await changeInboxes(server, `UPDATE inboxes SET config = jsonb_set(config, '{widget}', $2::jsonb) WHERE id = $1`, [
    server.demo.inboxId,
    JSON.stringify(settings),
  ]);
}

describe('widget files', () => {
  it('serves the loader to any site, cached for five minutes', async () => {
    const res = await built.inject({ method: 'GET', url: '/widget.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.body).toContain('loader');
    const again = await built.inject({
      method: 'GET',
      url: '/widget.js',
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    const host = await built.inject({ method: 'GET', url: '/widget/host.js?v=abc' });
    expect(host.statusCode).toBe(200);
    expect(host.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  it('serves the app and its CSS', async () => {
    const js = await built.inject({ method: 'GET', url: '/widget/app.js' });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const css = await built.inject({ method: 'GET', url: '/widget/app.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toBe('body{margin:0}');
  });

  it("serves the app's code-split chunks for good (their names change with their content)", async () => {
    const res = await built.inject({ method: 'GET', url: '/widget/chunks/call-ABC123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body).toBe('export const call = 1;');
    expect((await built.inject({ method: 'GET', url: '/widget/chunks/call-OLD.js' })).statusCode).toBe(404);
    // only chunk names: nothing else of the build directory (or beyond it) is reachable this way
    for (const url of ['/widget/chunks/..%2Fapp.js', '/widget/chunks/meta.json', '/widget/chunks/%2E%2E%2Fwidget.js'])
      expect((await built.inject({ method: 'GET', url })).statusCode, url).toBe(400);
  });

  it('answers 503 with the build command when the widget is not built', async () => {
    for (const url of ['/widget.js', '/widget/host.js', '/widget/app.js', '/widget/app.css', '/demo']) {
      const res = await missing.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(503);
      expect(res.body).toContain('npm run build -w @warmdesk/widget');
    }
    const frame = await missing.inject({ method: 'GET', url: `/widget/frame?inbox=${server.demo.inboxKey}` });
    expect(frame.statusCode).toBe(503);
    expect(frame.headers['content-security-policy']).toContain('frame-ancestors');
  });
});

describe('the iframe page', () => {
  it('may be framed by any site when the inbox lists no origins', async () => {
    await setWidget({});
    const res = await built.inject({
      method: 'GET',
      url: `/widget/frame?inbox=${server.demo.inboxKey}`,
      headers: { host: 'chat.example.com:8443', 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-frame-options']).toBeUndefined();
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'self' *");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data: blob: https:");
    expect(csp).toContain("connect-src 'self' ws://chat.example.com:8443 wss://chat.example.com:8443");
    expect(res.body).toContain('<html lang="zh-CN">');
    expect(res.body).toContain('<div id="app"></div>');
    expect(res.body).toContain('<noscript>');
    expect(res.body).toMatch(/<script type="module" src="\/widget\/app\.js\?v=\w+"><\/script>/);
    expect(res.body).toMatch(/<link rel="stylesheet" href="\/widget\/app\.css\?v=\w+">/);
  });

  it('lets only the allowed origins frame it, in the inbox language', async () => {
    await setWidget({
      allowedOrigins: ['https://shop.example', 'http://localhost:8080'],
      locale: 'en',
      title: 'A&B <Help>',
    });
    const res = await built.inject({ method: 'GET', url: `/widget/frame?inbox=${server.demo.inboxKey}` });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'self' https://shop.example http://localhost:8080;");
    expect(csp).not.toContain(' *');
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('<title>A&amp;B &lt;Help&gt;</title>');
    await setWidget({});
  });

  it('is not found for an unknown inbox, and refused without one', async () => {
    expect((await built.inject({ method: 'GET', url: '/widget/frame?inbox=wdpk_nope' })).statusCode).toBe(404);
    expect((await built.inject({ method: 'GET', url: '/widget/frame' })).statusCode).toBe(400);
  });
});

describe('the live room page', () => {
  it('serves the viewer page of a share link, on its own policy, in the browser language', async () => {
    const res = await built.inject({
      method: 'GET',
      url: '/live/AbC123_xyz',
      headers: { host: 'chat.example.com', 'accept-language': 'zh-CN,zh;q=0.9' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("media-src 'self' blob: https:");
    // opened by the widget's banner in a site's iframe, it keeps its opener (the identity hand-over)
    expect(res.headers['cross-origin-opener-policy']).toBeUndefined();
    expect(csp).toContain("connect-src 'self' ws://chat.example.com wss://chat.example.com");
    expect(res.body).toContain('<html lang="zh-CN">');
    expect(res.body).toMatch(/<script type="module" src="\/widget\/live\.js\?v=\w+"><\/script>/);
    expect(res.body).toMatch(/<link rel="stylesheet" href="\/widget\/live\.css\?v=\w+">/);
    for (const url of ['/widget/live.js', '/widget/live-banner.js']) {
      const js = await built.inject({ method: 'GET', url });
      expect(js.statusCode, url).toBe(200);
      expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    }
  });

  it('refuses a malformed slug and answers 503 when the page is not built', async () => {
    expect((await built.inject({ method: 'GET', url: '/live/%3Cscript%3E' })).statusCode).toBe(400);
    const res = await missing.inject({ method: 'GET', url: '/live/AbC123_xyz' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build -w @warmdesk/widget');
  });
});

describe('the demo shop', () => {
  it('embeds the widget for the demo inbox', async () => {
    const res = await built.inject({ method: 'GET', url: '/demo', headers: { host: 'localhost:3000' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain(`<script src="/widget.js" data-inbox="${server.demo.inboxKey}" async></script>`);
    expect(res.body).toContain('http://localhost:3000/widget.js');
    expect(res.body).toMatch(/演示|demo/);
    expect(res.body).not.toMatch(/(src|href)="https?:/);
  });
});
