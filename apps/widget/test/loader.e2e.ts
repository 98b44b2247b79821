import { existsSync } from 'node:fs';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeInboxes, startTestServer, type TestServer } from '../../server/test/harness.js';
import { launchBrowser, type TestBrowser } from './browser.js';
import { type HostSite, startHostSite } from './host-page.js';
import { standInFrameHtml } from './stand-in-frame.js';

/*
 * The loader in a real browser, on a site of another origin, against a real server. With the widget app built
 * the iframe runs it (only loader behaviour is asserted); the bridge block always uses the stand-in app.
 */
const APP_BUILT = existsSync(new URL('../dist/app.js', import.meta.url));

let server: TestServer;
let site: HostSite;
let browser: TestBrowser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (!existsSync(new URL('../dist/widget.js', import.meta.url))) {
    throw new Error('apps/widget/dist/widget.js is missing: run `npm run build -w @warmdesk/widget`');
  }
  server = await startTestServer();
  site = await startHostSite(server.url, server.demo.inboxKey);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.stop();
});

const setWidget = (settings: Record<string, unknown>) =>
  changeInboxes(server, `UPDATE inboxes SET config = jsonb_set(config, '{widget}', $2::jsonb) WHERE id = $1`, [
    server.demo.inboxId,
    JSON.stringify(settings),
  ]);

/** A page in a fresh browser profile; page errors fail the test at the end. */
async function openPage(options: { standIn?: boolean; width?: number; height?: number } = {}) {
  const context = await browser.newContext({ width: options.width ?? 1280, height: options.height ?? 800 });
  contexts.push(context);
  if (options.standIn || !APP_BUILT) {
    await context.route(/\/widget\/frame\?/, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: standInFrameHtml() }),
    );
  }
  // in every frame: Content-Security-Policy violations, to check the iframe page's policy lets the app work
  await context.addInitScript(`window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`);
  const page = await context.newPage();
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  return { page, errors, warnings };
}

const launcher = (page: Page) => page.getByTestId('warmdesk-launcher');
const shadow = <T>(page: Page, fn: string) =>
  page.evaluate(`(() => { const root = document.querySelector('warmdesk-widget').shadowRoot; ${fn} })()`) as Promise<T>;
const panelShown = (page: Page) =>
  shadow<boolean>(page, "return getComputedStyle(root.querySelector('.p')).visibility === 'visible';");
async function frameOf(page: Page): Promise<Frame> {
  const handle = await page.locator('iframe').elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('no iframe');
  return frame;
}
async function received(page: Page): Promise<{ type: string; [k: string]: unknown }[]> {
  const frame = await frameOf(page);
  await frame.waitForFunction('window.received && window.received.length > 0');
  return frame.evaluate('window.received');
}

describe('the loader on a customer site', () => {
  it('draws the launcher in the inbox colour and creates the iframe only when clicked', async () => {
    await setWidget({ color: '#d9480f' });
    const { page, errors } = await openPage();
    await page.goto(`${site.origin}/shop`);
    await expect.poll(() => launcher(page).isVisible()).toBe(true);
    expect(await launcher(page).evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(217, 72, 15)');
    expect(await launcher(page).getAttribute('aria-label')).toBe('Open chat');
    expect(
      await page.evaluate(
        '["open","close","toggle","identify","setAttributes","track","on","off"].every((m) => typeof window.Warmdesk[m] === "function")',
      ),
    ).toBe(true);
    await page.waitForTimeout(500);
    expect(await page.locator('iframe').count()).toBe(0);
    await browser.screenshot(page, 'loader-launcher');

    await launcher(page).click();
    await expect.poll(() => page.locator('iframe').count()).toBe(1);
    const src = await page.locator('iframe').getAttribute('src');
    expect(src).toBe(`${server.url}/widget/frame?inbox=${encodeURIComponent(server.demo.inboxKey)}`);
    await expect.poll(() => panelShown(page)).toBe(true);
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('true');
    expect(await launcher(page).getAttribute('aria-label')).toBe('Close chat');
    const box = await page.locator('iframe').boundingBox();
    expect(box?.width).toBe(380);
    expect(box?.height).toBe(600);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBe(1280 - 20);
    // focus moved into the panel
    expect(await shadow<string>(page, 'return root.activeElement && root.activeElement.tagName;')).toBe('IFRAME');
    await page.waitForTimeout(APP_BUILT ? 1500 : 300);
    await browser.screenshot(page, 'loader-open');
    expect(await (await frameOf(page)).evaluate('window.cspViolations')).toEqual([]);

    // Escape on the host page closes the panel
    await page.locator('h1').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => panelShown(page)).toBe(false);
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');
    expect(errors).toEqual([]);
  });

  it('stays off on a site the inbox does not allow, and the frame refuses to be framed there', async () => {
    await setWidget({ allowedOrigins: ['https://elsewhere.example'] });
    const { page, warnings } = await openPage();
    const config = page.waitForResponse((r) => r.url().includes('/api/v1/widget/config'));
    await page.goto(`${site.origin}/shop`);
    expect((await config).status()).toBe(403);
    await expect.poll(() => warnings.filter((w) => w.startsWith('Warmdesk')).length).toBe(1);
    expect(warnings.find((w) => w.startsWith('Warmdesk'))).toContain(`${site.origin} is not allowed`);
    expect(await page.locator('warmdesk-widget').count()).toBe(0);
    expect(await launcher(page).count()).toBe(0);

    const frame = await fetch(`${server.url}/widget/frame?inbox=${server.demo.inboxKey}`);
    const csp = frame.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'self' https://elsewhere.example");
    expect(csp).not.toContain(site.origin);
    expect(csp).not.toMatch(/frame-ancestors[^;]*\*/);
    expect(frame.headers.get('x-frame-options')).toBeNull();
    await setWidget({});
  });

  it('opens by itself when a proactive rule matches the page', async () => {
    await setWidget({
      proactive: [{ urlContains: 'sale', afterSeconds: 1, message: 'Need help with the sale? 需要帮忙吗？' }],
    });
    const { page, errors } = await openPage();
    await page.goto(`${site.origin}/shop`);
    await expect.poll(() => launcher(page).isVisible()).toBe(true);
    await page.waitForTimeout(1800);
    expect(await page.locator('iframe').count()).toBe(0);

    await page.goto(`${site.origin}/promo/sale`);
    await expect.poll(() => launcher(page).isVisible()).toBe(true);
    expect(await page.locator('iframe').count()).toBe(0);
    await expect.poll(() => page.locator('iframe').count(), { timeout: 5000 }).toBe(1);
    await expect.poll(() => panelShown(page)).toBe(true);
    // a greeting does not take the focus from the visitor
    expect(await page.evaluate('document.activeElement === document.body')).toBe(true);
    await page.waitForTimeout(APP_BUILT ? 1500 : 300);
    await browser.screenshot(page, 'loader-proactive');
    expect(errors).toEqual([]);
    await setWidget({});
  });

  it('loads the app hidden in the background for a visitor with a conversation', async () => {
    const { page } = await openPage();
    await page.goto(`${site.origin}/shop`);
    await expect.poll(() => launcher(page).isVisible()).toBe(true);
    expect(await page.locator('iframe').count()).toBe(0);
    await page.evaluate(`localStorage.setItem('warmdesk:${server.demo.inboxKey}:active', '1')`);
    await page.reload();
    await expect.poll(() => page.locator('iframe').count()).toBe(1);
    expect(await panelShown(page)).toBe(false);
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');
  });

  it('replays the calls the async snippet queued before the loader arrived', async () => {
    const { page } = await openPage();
    const early = "Warmdesk.on('open', function () { window.opened = (window.opened || 0) + 1; }); Warmdesk.open();";
    await page.goto(`${site.origin}/shop?early=${encodeURIComponent(early)}`);
    await expect.poll(() => page.locator('iframe').count()).toBe(1);
    await expect.poll(() => panelShown(page)).toBe(true);
    expect(await page.evaluate('window.opened')).toBe(1);
    await page.evaluate("Warmdesk.q.push(['close'])");
    await expect.poll(() => panelShown(page)).toBe(false);
  });

  it('shows the panel full-screen on a phone', async () => {
    const { page } = await openPage({ width: 390, height: 844 });
    await page.goto(`${site.origin}/shop`);
    await launcher(page).click();
    await expect.poll(() => panelShown(page)).toBe(true);
    expect(await page.locator('iframe').boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    expect(await launcher(page).isVisible()).toBe(false);
    await page.waitForTimeout(APP_BUILT ? 1500 : 300);
    await browser.screenshot(page, 'loader-phone');
  });
});

describe('the demo shop', () => {
  it("embeds the widget for the demo inbox under the server's own CSP", async () => {
    const { page, errors } = await openPage();
    await page.goto(`${server.url}/demo`);
    await expect.poll(() => launcher(page).isVisible()).toBe(true);
    await page.locator('button[data-sku="mug"]').click();
    await page.locator('#contact').click();
    await expect.poll(() => panelShown(page)).toBe(true);
    await page.waitForTimeout(APP_BUILT ? 1500 : 300);
    await browser.screenshot(page, 'demo-shop');
    expect(errors).toEqual([]);
  });
});

describe('the bridge, with the stand-in app', () => {
  it('delivers earlier calls in init, then speaks the protocol both ways', async () => {
    const { page, errors } = await openPage({ standIn: true });
    await page.goto(`${site.origin}/shop?utm_source=news&utm_medium=mail&other=1`);
    await expect.poll(() => launcher(page).isVisible()).toBe(true);
    await page.evaluate(`
      window.seen = [];
      ['open', 'close', 'unread', 'message'].forEach((e) => Warmdesk.on(e, (p) => window.seen.push([e, p])));
      Warmdesk.identify({ userId: 42, name: 'Ann', email: 'ann@example.com', hmac: undefined });
      Warmdesk.setAttributes({ plan: 'pro', fn: () => 1, seats: 3 });
      Warmdesk.track('viewed', { sku: 'mug' });
      history.pushState({}, '', '/shop/mug');`);
    await page.waitForTimeout(400);
    expect(await page.locator('iframe').count()).toBe(0);
    await launcher(page).click();

    const [init] = await received(page);
    expect(init).toMatchObject({
      type: 'warmdesk:init',
      inboxKey: server.demo.inboxKey,
      hostOrigin: site.origin,
      open: true,
      identity: { userId: '42', name: 'Ann', email: 'ann@example.com' },
      attributes: { plan: 'pro', seats: 3 },
      events: [{ event: 'viewed', props: { sku: 'mug' } }],
    });
    const context = init?.context as Record<string, unknown>;
    expect(context.url).toBe(`${site.origin}/shop/mug`);
    expect(context.title).toBe('Test shop');
    expect(context.utm).toEqual({});
    expect(context.timezone).not.toBe('');
    expect(context.language).toBe('en-US');
    expect((context.trail as { url: string }[]).map((v) => v.url)).toEqual([
      `${site.origin}/shop?utm_source=news&utm_medium=mail&other=1`,
      `${site.origin}/shop/mug`,
    ]);

    // later calls go straight to the app; a URL change sends the new context
    await page.evaluate("Warmdesk.track('later', { n: 1 }); history.pushState({}, '', '/cart?utm_campaign=spring');");
    const frame = await frameOf(page);
    await frame.waitForFunction("window.received.some((m) => m.type === 'warmdesk:context')");
    const messages: { type: string; [k: string]: unknown }[] = await frame.evaluate('window.received');
    expect(messages.map((m) => m.type)).toEqual(['warmdesk:init', 'warmdesk:track', 'warmdesk:context']);
    expect((messages[2]?.context as { utm: unknown } | undefined)?.utm).toEqual({ campaign: 'spring' });

    // unread badge and events; messages from anything but the iframe are ignored
    await frame.evaluate(
      "toHost({ type: 'warmdesk:unread', count: 3 }); toHost({ type: 'warmdesk:message', message: { id: 'm1', content: 'Hello!', senderName: 'Li' } });",
    );
    await expect.poll(() => shadow<string>(page, "return root.querySelector('.b').textContent;")).toBe('3');
    await page.evaluate("window.postMessage({ type: 'warmdesk:unread', count: 9 }, '*')");
    await frame.evaluate(
      "toHost({ type: 'warmdesk:unread', count: 'many' }); toHost({ nonsense: true }); toHost('warmdesk:close');",
    );
    await page.waitForTimeout(300);
    expect(await shadow<string>(page, "return root.querySelector('.b').textContent;")).toBe('3');
    expect(await launcher(page).getAttribute('aria-label')).toBe('Close chat (3)');
    expect(await panelShown(page)).toBe(true);

    // the app marks the visitor active, then closes the panel from inside: focus returns to the launcher
    await frame.evaluate("toHost({ type: 'warmdesk:active' }); toHost({ type: 'warmdesk:close' });");
    await expect.poll(() => panelShown(page)).toBe(false);
    expect(await shadow<string>(page, 'return root.activeElement && root.activeElement.className;')).toBe('l');
    expect(await page.evaluate(`localStorage.getItem('warmdesk:${server.demo.inboxKey}:active')`)).toBe('1');
    expect(await page.evaluate('window.seen')).toEqual([
      ['open', undefined],
      ['unread', 3],
      ['message', { id: 'm1', content: 'Hello!', senderName: 'Li' }],
      ['close', undefined],
    ]);
    const after: { type: string; open?: boolean }[] = await frame.evaluate('window.received');
    expect(after.at(-1)).toEqual({ type: 'warmdesk:visibility', open: false });

    // title flash while the page is hidden, restored when it is shown again
    await page.evaluate(`Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));`);
    await frame.evaluate("toHost({ type: 'warmdesk:unread', count: 2 })");
    await expect.poll(() => page.title(), { timeout: 3000 }).toBe('(2) New message');
    await page.evaluate(`Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
      document.dispatchEvent(new Event('visibilitychange'));`);
    expect(await page.title()).toBe('Test shop');
    await browser.screenshot(page, 'loader-badge');
    expect(errors).toEqual([]);
  });

  it('sends a proactive greeting in init', async () => {
    await setWidget({ proactive: [{ urlContains: '', afterSeconds: 0, message: 'Hi there' }], locale: 'zh-CN' });
    const { page } = await openPage({ standIn: true });
    await page.goto(`${site.origin}/anything`);
    const [init] = await received(page);
    expect(init).toMatchObject({ type: 'warmdesk:init', open: true, greeting: 'Hi there' });
    expect(await launcher(page).getAttribute('aria-label')).toBe('关闭在线客服');
    await setWidget({});
  });
});
