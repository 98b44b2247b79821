import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startTestServer, type TestServer } from '../../server/test/harness.js';
import { launchBrowser, type TestBrowser } from '../../widget/test/browser.js';
import {
  assertBuilt,
  byTestId,
  conversationItem,
  markNoReload,
  newPage,
  reloaded,
  routeManually,
  signIn,
} from './agent-browser.js';
import { customerWrites } from './customer-api.js';

/*
 * The agent app takes other people's conversation changes in batches (`conversations:updated`). An agent looking
 * at the unassigned list while a colleague works through it, several changes at once, sees the list follow:
 * what was taken or resolved leaves it, what was re-prioritised shows its new priority. No reload.
 */

let server: TestServer;
let browser: TestBrowser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  assertBuilt();
  server = await startTestServer();
  browser = await launchBrowser();
  await routeManually(server);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('the conversation list, live', () => {
  it("follows a colleague's changes to several conversations at once", async () => {
    const [watching, colleague] = server.demo.agents;
    if (!watching || !colleague) throw new Error('two demo agents needed');
    const taken = await customerWrites(server, 'Where is my parcel? (e2e taken)');
    const solved = await customerWrites(server, 'How do I reset my password? (e2e solved)');
    const urgent = await customerWrites(server, 'I was charged twice! (e2e urgent)');

    const { context, page, errors } = await newPage(browser);
    contexts.push(context);
    await signIn(page, server, watching);
    await byTestId(page, 'conversation-list').waitFor({ timeout: 15_000 });
    await byTestId(page, 'filter-unassigned').click();
    for (const c of [taken, solved, urgent])
      await conversationItem(page, c.conversationId).waitFor({ timeout: 10_000 });
    await markNoReload(page);

    const other = await loginAs(server, colleague.email, colleague.password);
    const patch = (id: string, body: Record<string, unknown>) =>
      other.http('PATCH', `/api/v1/conversations/${id}`, body);
    const done = await Promise.all([
      patch(taken.conversationId, { assigneeId: other.user.id }),
      patch(solved.conversationId, { status: 'resolved' }),
      patch(urgent.conversationId, { priority: 'urgent' }),
    ]);
    expect(done.map((r) => r.status)).toEqual([200, 200, 200]);

    await conversationItem(page, taken.conversationId).waitFor({ state: 'detached', timeout: 10_000 });
    await conversationItem(page, solved.conversationId).waitFor({ state: 'detached', timeout: 10_000 });
    await expect
      .poll(() => conversationItem(page, urgent.conversationId).textContent(), { timeout: 10_000 })
      .toContain('Urgent');
    expect(await reloaded(page)).toBe(false);
    expect(errors).toEqual([]);
  });
});
