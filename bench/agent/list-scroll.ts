/*
 * A long conversation list stays smooth (issue #4: virtualised so 10,000 conversations stay smooth). The real
 * server on loopback with 10,000 open conversations written straight into its embedded PostgreSQL; agent1 opens
 * "All" in Debian's chromium and scrolls to the end of the list, which loads page after page. Measured in the page:
 * frame intervals while scrolling (requestAnimationFrame), long tasks, the most list rows in the DOM at once, and
 * how many conversations were reachable. Prints one JSON line; exits 1 when the list did not reach every
 * conversation or kept more than 200 rows in the DOM, 2 when it could not measure. Run: `npm run bench:agent-list`.
 */
import { rmSync } from 'node:fs';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { persistedSecretFor } from '../../apps/server/src/platform/secrets.js';
import { launchChromium } from '../../apps/widget/test/browser.js';
import { REPO } from '../messaging/config.js';
import { BenchServer, benchDataDir, freePort, type Seed } from '../messaging/server.js';
import { envNumber, log } from '../messaging/stats.js';

const CONVERSATIONS = Math.round(envNumber('BENCH_AGENT_LIST_CONVERSATIONS', 10_000));
const SCROLL_LIMIT_MS = 120_000;
const MAX_DOM_ROWS = 200;

type DemoLogins = Seed & { agents: { email: string; password: string }[] };

/** Contacts, open conversations (newest activity spread over the last days) and one customer message each. */
async function insertConversations(client: pg.Client, seed: Seed, count: number): Promise<void> {
  await client.query('BEGIN');
  await client.query(
    `WITH n AS (SELECT g FROM generate_series(1, $3::int) g),
     c AS (
       INSERT INTO contacts (account_id, name, email)
       SELECT $1, 'Customer ' || g, 'customer' || g || '@bench.example' FROM n RETURNING id, name
     ),
     numbered AS (SELECT id, (row_number() OVER ())::int AS g FROM c),
     conv AS (
       INSERT INTO conversations (account_id, display_id, inbox_id, contact_id, status, last_seq, waiting_since,
                                  last_message_at, created_at, updated_at)
       SELECT $1, a.last_display_id + numbered.g, $2, numbered.id, 'open', 1, now() - numbered.g * interval '1 minute',
              now() - numbered.g * interval '1 minute', now() - numbered.g * interval '1 minute',
              now() - numbered.g * interval '1 minute'
         FROM numbered, accounts a WHERE a.id = $1
       RETURNING id, account_id, contact_id, display_id, created_at
     )
     INSERT INTO messages (account_id, conversation_id, seq, sender_type, sender_id, kind, content, created_at)
     SELECT account_id, id, 1, 'contact', contact_id::text, 'text', 'Where is my order #' || display_id || '?', created_at
       FROM conv`,
    [seed.accountId, seed.inboxId, count],
  );
  await client.query('UPDATE accounts SET last_display_id = last_display_id + $2 WHERE id = $1', [
    seed.accountId,
    count,
  ]);
  await client.query('COMMIT');
}

/** In the page: scroll the list to its end again and again, recording frames, long tasks and DOM rows. */
const SCROLL_SCRIPT = `async ({ limitMs, expected }) => {
  const list = document.querySelector('[data-testid=conversation-list]');
  if (!list) throw new Error('no conversation list');
  const frames = [];
  let longTasks = 0;
  let longestTaskMs = 0;
  const observer = new PerformanceObserver((entries) => {
    for (const e of entries.getEntries()) {
      longTasks += 1;
      longestTaskMs = Math.max(longestTaskMs, e.duration);
    }
  });
  try { observer.observe({ type: 'longtask', buffered: false }); } catch {}
  let maxRows = 0;
  let last = performance.now();
  const started = last;
  let loaded = Number(list.getAttribute('data-count') || 0);
  while (performance.now() - started < limitMs) {
    list.scrollTop += 600;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = performance.now();
    frames.push(now - last);
    last = now;
    maxRows = Math.max(maxRows, list.querySelectorAll('[data-testid=conversation-item]').length);
    loaded = Number(list.getAttribute('data-count') || 0);
    const atEnd = list.scrollTop + list.clientHeight >= list.scrollHeight - 2;
    if (loaded >= expected && atEnd) break;
  }
  observer.disconnect();
  frames.sort((a, b) => a - b);
  const pick = (p) => frames[Math.min(frames.length - 1, Math.floor((p / 100) * frames.length))] || 0;
  return {
    loaded,
    elapsedMs: Math.round(performance.now() - started),
    frames: frames.length,
    frameMedianMs: Math.round(pick(50) * 10) / 10,
    frameP95Ms: Math.round(pick(95) * 10) / 10,
    frameMaxMs: Math.round((frames[frames.length - 1] || 0) * 10) / 10,
    longTasks,
    longestTaskMs: Math.round(longestTaskMs),
    maxDomRows: maxRows,
  };
}`;

type ScrollResult = {
  loaded: number;
  elapsedMs: number;
  frames: number;
  frameMedianMs: number;
  frameP95Ms: number;
  frameMaxMs: number;
  longTasks: number;
  longestTaskMs: number;
  maxDomRows: number;
};

async function main(): Promise<number> {
  const dataDir = benchDataDir('warmdesk-bench-agent-list-');
  const pgPort = await freePort();
  let server: BenchServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await BenchServer.onLoopback(REPO, dataDir, { WARMDESK_PG_PORT: String(pgPort) }, 4096);
    const seed = (await server.seed()) as DemoLogins;
    const password = persistedSecretFor(dataDir, 'pg-password');
    const client = new pg.Client({
      connectionString: `postgres://warmdesk:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/warmdesk`,
    });
    client.on('error', () => {});
    await client.connect();
    const insertStarted = Date.now();
    try {
      await insertConversations(client, seed, CONVERSATIONS);
    } finally {
      await client.end();
    }
    log('bench', `${CONVERSATIONS} conversations inserted in ${Date.now() - insertStarted} ms`);

    const agent = seed.agents[0];
    if (!agent) throw new Error('no demo agent');
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const login = await context.request.post(`${server.url}/api/v1/auth/login`, { data: agent, timeout: 15_000 });
    if (!login.ok()) throw new Error(`login failed: HTTP ${login.status()}`);
    const page = await context.newPage();
    const opened = Date.now();
    await page.goto(`${server.url}/app/conversations?view=all`, { timeout: 30_000 });
    await page.waitForSelector('[data-testid=conversation-item]', { timeout: 30_000 });
    const firstRowsMs = Date.now() - opened;
    const scroll = (await page.evaluate(
      `(${SCROLL_SCRIPT})(${JSON.stringify({ limitMs: SCROLL_LIMIT_MS, expected: CONVERSATIONS })})`,
    )) as ScrollResult;
    const ok = scroll.loaded >= CONVERSATIONS && scroll.maxDomRows <= MAX_DOM_ROWS;
    console.log(
      JSON.stringify({ conversations: CONVERSATIONS, firstRowsMs, ...scroll, maxDomRowsAllowed: MAX_DOM_ROWS, ok }),
    );
    return ok ? 0 : 1;
  } catch (err) {
    log('bench', `failed: ${(err as Error).stack ?? err}`);
    return 2;
  } finally {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
