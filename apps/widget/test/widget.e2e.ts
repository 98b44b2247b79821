import { existsSync } from 'node:fs';
import type { Message } from '@warmdesk/protocol';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, changeInboxes, type Http, startTestServer, type TestServer } from '../../server/test/harness.js';
import { collect, connectSocket, type TestSocket, until, watchAll } from '../../server/test/sockets.js';
import { launchBrowser, type TestBrowser } from './browser.js';
import { type HostSite, startHostSite } from './host-page.js';

/*
 * The customer's whole path through the real widget: a plain page on another port (an allowed site) embeds the
 * snippet, the customer chats with an agent (REST and a socket), reloads, loses the network, uploads, rates,
 * switches language. Screenshots of desktop and phone layouts go to artifacts/.
 */

// A valid 1x1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let server: TestServer;
let site: HostSite;
let browser: TestBrowser;
let api: Http;
let agent: TestSocket;
let atAgent: Message[];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (!existsSync(new URL('../dist/app.js', import.meta.url)))
    throw new Error('apps/widget/dist is missing: run `npm run build -w @warmdesk/widget`');
  server = await startTestServer();
  site = await startHostSite(server.url, server.demo.inboxKey);
  const c = await apiClient(server);
  api = c.http;
  // An agent at the desk: the widget offers live chat instead of leaving a message.
  agent = await watchAll(await connectSocket(server.url, 'agent', { token: c.token }));
  atAgent = collect(agent);
  await changeInboxes(server, "UPDATE inboxes SET config = jsonb_build_object('widget', $2::jsonb) WHERE id = $1", [
    server.demo.inboxId,
    JSON.stringify({
      color: '#0a7d4f',
      greeting: 'Hi! How can we help? 您好，有什么可以帮您？',
      allowedOrigins: [site.origin],
      preChat: {
        enabled: true,
        fields: [
          { key: 'name', type: 'name', label: 'Name / 姓名', required: true },
          { key: 'topic', type: 'topic', label: 'Topic / 咨询类型', options: ['Orders', 'Returns'] },
        ],
      },
    }),
  ]);
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  agent?.close();
  await browser?.close();
  await site?.close();
  await server?.stop();
});

async function openSite(size?: { width: number; height: number }) {
  const context = await browser.newContext(size);
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${site.origin}/shop`);
  return { context, page, errors };
}

const widget = (page: Page): FrameLocator => page.frameLocator('iframe[src*="/widget/frame"]');

async function openWidget(page: Page): Promise<FrameLocator> {
  await page.getByTestId('warmdesk-launcher').click();
  const frame = widget(page);
  await frame.locator('.wd-panel').waitFor({ timeout: 15_000 });
  return frame;
}

async function conversationOf(contactName: string): Promise<string> {
  const { rows } = await server.ctx.db.pool.query<{ id: string }>(
    `SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id
      WHERE c.account_id = $1 AND k.name = $2 ORDER BY c.created_at DESC LIMIT 1`,
    [server.demo.accountId, contactName],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error(`no conversation for ${contactName}`);
  return id;
}

describe('customer web widget in a browser', () => {
  it('chats, survives a reload and a network loss, uploads, rates and switches language', async () => {
    const { context, page, errors } = await openSite();
    const frame = await openWidget(page);

    // Pre-chat form, then the greeting.
    await frame.getByLabel('Name / 姓名').fill('Wang Fang');
    await frame.getByLabel('Topic / 咨询类型').selectOption('Orders');
    await frame.getByRole('button', { name: 'Start chatting' }).click();
    await expect.poll(() => frame.getByText('Hi! How can we help?').count()).toBe(1);

    // Send; the agent receives it; the agent's REST reply appears.
    const input = frame.getByTestId('warmdesk-input');
    await input.fill('Where is my order #1001?');
    await input.press('Enter');
    await until(() => atAgent.some((m) => m.content === 'Where is my order #1001?'), 10_000);
    const conversationId = await conversationOf('Wang Fang');
    const contact = await server.ctx.db.pool.query<{ attributes: Record<string, string> }>(
      'SELECT k.attributes FROM contacts k JOIN conversations c ON c.contact_id = k.id WHERE c.id = $1',
      [conversationId],
    );
    expect(contact.rows[0]?.attributes.topic).toBe('Orders');
    // Waiting: the customer sees their place in the queue, live.
    await expect
      .poll(() => frame.getByTestId('warmdesk-queue').textContent(), { timeout: 10_000 })
      .toContain('You are number 1 in line (1 waiting)');
    await api('POST', `/api/v1/conversations/${conversationId}/messages`, { content: 'It ships today. 今天发货。' });
    await frame.getByText('It ships today. 今天发货。').waitFor();
    await expect.poll(() => frame.getByTestId('warmdesk-status').first().textContent()).toMatch(/Sent|Read/);

    // Reload: the history is still there.
    await page.reload();
    const again = await openWidget(page);
    await again.getByText('Where is my order #1001?').waitFor();
    await again.getByText('It ships today. 今天发货。').waitFor();

    // Offline: two messages wait as pending, then arrive once, in order.
    await context.setOffline(true);
    await again.getByTestId('warmdesk-connection').waitFor({ timeout: 15_000 });
    const box = again.getByTestId('warmdesk-input');
    await box.fill('first while offline');
    await box.press('Enter');
    await box.fill('second while offline');
    await box.press('Enter');
    await expect.poll(() => again.getByTestId('warmdesk-pending').count()).toBe(2);
    await context.setOffline(false);
    await until(() => atAgent.filter((m) => m.content.endsWith('while offline')).length === 2, 30_000);
    await expect.poll(() => again.getByTestId('warmdesk-pending').count(), { timeout: 15_000 }).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    const offline = atAgent.filter((m) => m.content.endsWith('while offline'));
    expect(offline.map((m) => m.content)).toEqual(['first while offline', 'second while offline']);
    expect(offline[1]?.seq).toBeGreaterThan(offline[0]?.seq ?? 0);
    const stored = await server.ctx.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1 AND content LIKE '%while offline'",
      [conversationId],
    );
    expect(stored.rows[0]?.n).toBe(2);

    // An image: stored, delivered to the agent, shown in the widget.
    await again.getByTestId('warmdesk-file').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PNG });
    await until(() => atAgent.some((m) => m.kind === 'image'), 15_000);
    await expect.poll(() => again.locator('img.wd-image').getAttribute('src'), { timeout: 15_000 }).toMatch(/^blob:/);

    // Resolved by the agent: the customer rates it.
    await api('PATCH', `/api/v1/conversations/${conversationId}`, { status: 'resolved' });
    await again.getByTestId('warmdesk-rating').waitFor();
    await again.getByTestId('warmdesk-star-5').check({ force: true });
    await again.getByRole('button', { name: 'Submit rating' }).click();
    await again.getByTestId('warmdesk-rated').waitFor();
    const rating = await api<{ score: number }>('GET', `/api/v1/conversations/${conversationId}/rating`);
    expect(rating.body.score).toBe(5);

    // Language switch.
    await again.getByTestId('warmdesk-language').click();
    await expect.poll(() => again.getByTestId('warmdesk-input').getAttribute('placeholder')).toBe('输入消息…');
    await browser.screenshot(page, 'widget-desktop');
    expect(errors).toEqual([]);
  });

  it('shows typing both ways and takes images pasted or dropped', async () => {
    await changeInboxes(
      server,
      "UPDATE inboxes SET config = jsonb_set(config, '{widget,preChat,enabled}', 'false') WHERE id = $1",
      [server.demo.inboxId],
    );
    const { page, errors } = await openSite();
    const frame = await openWidget(page);
    const input = frame.getByTestId('warmdesk-input');
    await input.fill('hello from a new customer');
    await input.press('Enter');
    await until(() => atAgent.some((m) => m.content === 'hello from a new customer'), 10_000);
    const conversationId = atAgent.find((m) => m.content === 'hello from a new customer')?.conversationId ?? '';

    // Customer typing reaches the agent; agent typing shows in the widget.
    const typing: { conversationId: string; typing: boolean }[] = [];
    agent.on('typing', (e) => typing.push(e));
    await input.pressSequentially('abc');
    await until(() => typing.some((e) => e.conversationId === conversationId && e.typing), 5000);
    agent.emit('typing', { conversationId, typing: true });
    await frame.getByText(/is typing/).waitFor();

    // An image pasted into the input, then one dropped on the panel: each becomes an image message.
    const drop = async (type: 'paste' | 'drop', name: string) => {
      const data = PNG.toString('base64');
      await frame.locator(type === 'paste' ? '[data-testid=warmdesk-input]' : '.wd-panel').evaluate(
        (el, [kind, fileName, base64]) => {
          const bytes = Uint8Array.from(atob(base64 ?? ''), (c) => c.charCodeAt(0));
          const transfer = new DataTransfer();
          transfer.items.add(new File([bytes], fileName ?? 'x.png', { type: 'image/png' }));
          const event =
            kind === 'paste'
              ? new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true })
              : new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true });
          el.dispatchEvent(event);
        },
        [type, name, data] as const,
      );
    };
    const images = () => atAgent.filter((m) => m.conversationId === conversationId && m.kind === 'image').length;
    await drop('paste', 'pasted.png');
    await until(() => images() === 1, 15_000);
    await drop('drop', 'dropped.png');
    await until(() => images() === 2, 15_000);
    expect(errors).toEqual([]);
  });

  it('fills the screen on a phone', async () => {
    const { page, errors } = await openSite({ width: 390, height: 844 });
    await openWidget(page);
    const box = await page.locator('iframe[src*="/widget/frame"]').boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(389);
    expect(box?.height).toBeGreaterThanOrEqual(800);
    await browser.screenshot(page, 'widget-phone');
    expect(errors).toEqual([]);
  });

  it('offers to leave a message when nobody is there', async () => {
    agent.close();
    await until(() => server.ctx.presence.connectedUsers(server.demo.accountId).length === 0);
    const { page } = await openSite();
    const frame = await openWidget(page);
    await frame.getByTestId('warmdesk-leave-message').waitFor();
    await frame.getByLabel(/Your message/).fill('Please call me back about a refund');
    await frame.getByLabel(/Phone/).fill('+86 138 0013 8000');
    await frame.getByRole('button', { name: 'Send message' }).click();
    await frame.getByText('Thank you. We will get back to you soon.').waitFor();
    const { rows } = await server.ctx.db.pool.query<{ labels: string[] }>(
      `SELECT c.labels FROM conversations c JOIN messages m ON m.conversation_id = c.id
        WHERE m.content = 'Please call me back about a refund'`,
    );
    expect(rows[0]?.labels).toContain('offline_message');
  });
});
