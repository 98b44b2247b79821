/*
 * Workspace load budget (issue #4: initial load <= 1.5 s on localhost with a warm cache). The real server
 * (embedded PostgreSQL in a temp dir) on loopback, Debian's chromium, agent1 of the demo account signed in:
 * time from navigation start to the first frame painted with the conversation list visible on /app/conversations,
 * cold (a fresh profile, nothing cached) and warm (the same profile reloaded: one warm-up, then N measured).
 * Also lists the JS and CSS files the first load fetches. Prints one JSON line; exits 1 when the warm median is
 * above the target, 2 when it could not measure. Run: `npm run bench:agent`.
 */
import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../apps/widget/test/browser.js';
import { createSession, startConversation } from '../messaging/clients.js';
import { REPO } from '../messaging/config.js';
import { BenchServer, benchDataDir, type Seed } from '../messaging/server.js';
import { envNumber, log, percentile } from '../messaging/stats.js';
import { type LoadTiming, PAINT_MARKS, readLoadTiming, recordChunks } from './page-probes.js';

const TARGET_MS = 1500;
const WARM_RUNS = Math.round(envNumber('BENCH_AGENT_RUNS', 7));
const COLD_RUNS = Math.round(envNumber('BENCH_AGENT_COLD_RUNS', 3));
/** Conversations in the account, a third of them assigned to the measured agent (so 'mine' is not empty). */
const CONVERSATIONS = Math.round(envNumber('BENCH_AGENT_CONVERSATIONS', 30));
const PATH = '/app/conversations';

type DemoLogins = Seed & { agents: { email: string; password: string }[] };

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.url}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as T;
}

/** Customers writing in through the widget API; every third conversation assigned to `agentEmail`. */
async function seedConversations(url: string, seed: Seed, agentEmail: string): Promise<void> {
  const admin = { authorization: `Bearer ${seed.apiToken}`, 'content-type': 'application/json' };
  const users = await json<{ items: { id: string; email: string }[] }>(
    await fetch(`${url}/api/v1/users`, { headers: admin }),
  );
  const agentId = users.items.find((u) => u.email === agentEmail)?.id;
  if (!agentId) throw new Error(`no user ${agentEmail}`);
  for (let i = 0; i < CONVERSATIONS; i++) {
    const session = await createSession(url, seed.inboxKey);
    const conversation = await startConversation(url, session.sessionToken);
    await json(
      await fetch(`${url}/api/v1/widget/conversations/${conversation.id}/messages`, {
        method: 'POST',
        headers: { 'x-warmdesk-session': session.sessionToken, 'content-type': 'application/json' },
        body: JSON.stringify({ content: `Customer ${i + 1}: where is my order #${1000 + i}?` }),
      }),
    );
    if (i % 3 === 0) {
      await json(
        await fetch(`${url}/api/v1/conversations/${conversation.id}`, {
          method: 'PATCH',
          headers: admin,
          body: JSON.stringify({ assigneeId: agentId }),
        }),
      );
    }
  }
}

/** A fresh profile signed in as `login` (through the API, so that nothing of the app is cached yet). */
async function signedInContext(browser: Browser, url: string, login: { email: string; password: string }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  await context.addInitScript(PAINT_MARKS);
  const res = await context.request.post(`${url}/api/v1/auth/login`, { data: login, timeout: 15_000 });
  if (!res.ok()) throw new Error(`login failed: HTTP ${res.status()} ${await res.text()}`);
  return context;
}

/** Medians of each step of the warm loads (null when some load lacked it). */
function medianBreakdown(loads: LoadTiming[]) {
  const median = (values: (number | null)[]) =>
    values.every((v): v is number => v !== null) ? percentile(values, 50) : null;
  return {
    domContentLoadedMs: median(loads.map((l) => l.breakdown.domContentLoadedMs)),
    sessionMs: median(loads.map((l) => l.breakdown.sessionMs)),
    listRequestedMs: median(loads.map((l) => l.breakdown.listRequestedMs)),
    listFetchedMs: median(loads.map((l) => l.breakdown.listFetchedMs)),
  };
}

async function main(): Promise<number> {
  const dataDir = benchDataDir('warmdesk-agent-bench-');
  let server: BenchServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await BenchServer.onLoopback(REPO, dataDir, {}, 4096);
    browser = await launchChromium();
    const seed = (await server.seed()) as DemoLogins;
    const agent = seed.agents[0];
    if (!agent) throw new Error('the seed printed no agent login');
    log('bench', `seeding ${CONVERSATIONS} conversations`);
    await seedConversations(server.url, seed, agent.email);

    const cold: number[] = [];
    let chunks: Awaited<ReturnType<ReturnType<typeof recordChunks>>> | null = null;
    for (let run = 0; run < COLD_RUNS; run++) {
      const context = await signedInContext(browser, server.url, agent);
      const collect = recordChunks(context, server.url);
      const page = await context.newPage();
      await page.goto(`${server.url}${PATH}`, { timeout: 30_000 });
      cold.push((await readLoadTiming(page)).listMs);
      chunks ??= await collect();
      await context.close();
    }
    log('bench', `cold: ${cold.join(', ')} ms`);

    const context = await signedInContext(browser, server.url, agent);
    const page = await context.newPage();
    await page.goto(`${server.url}${PATH}`, { timeout: 30_000 });
    await readLoadTiming(page);
    await page.reload({ timeout: 30_000 }); // warm-up: the service worker and the HTTP cache settle
    await readLoadTiming(page);
    const warm: LoadTiming[] = [];
    for (let run = 0; run < WARM_RUNS; run++) {
      await page.reload({ timeout: 30_000 });
      warm.push(await readLoadTiming(page));
    }
    await context.close();
    log('bench', `warm: ${warm.map((w) => w.listMs).join(', ')} ms`);

    const warmList = warm.map((w) => w.listMs);
    const items = warm.map((w) => w.firstItemMs).filter((v): v is number => v !== null);
    const result = {
      coldMs: percentile(cold, 50),
      coldRunsMs: cold,
      warmMedianMs: percentile(warmList, 50),
      warmP90Ms: percentile(warmList, 90),
      warmRunsMs: warmList,
      warmFirstConversationMedianMs: items.length === warm.length ? percentile(items, 50) : null,
      warmJsFromNetwork: Math.max(...warm.map((w) => w.jsFromNetwork)),
      warmBreakdownMedianMs: medianBreakdown(warm),
      target: TARGET_MS,
      ok: percentile(warmList, 50) <= TARGET_MS,
      chunks,
    };
    console.log(JSON.stringify(result));
    return result.ok ? 0 : 1;
  } finally {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
