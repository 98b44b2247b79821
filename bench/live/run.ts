/**
 * `npm run bench:live` (issue 8): the live rooms' SFU under load, inside a loopback-only network namespace.
 * A Chromium host publishes a 640x360 30 fps canvas with the time painted in (cap 1,300 kbps); node-datachannel
 * viewer bots in worker processes count RTP loss; two Chromium viewers read the time back (glass to glass).
 * Phase 1: one SFU process, viewers added in steps (LIVE_LEVELS, default 50,100,200). Phase 2: the cascade, two
 * SFU processes serving one room. Phase 3: 1,000 chat-only viewers joining through the realtime gateway.
 * Prints one JSON line on stdout; progress on stderr. Every loop is bounded; every child is killed at the end.
 */
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { MediaClient } from '../../apps/server/src/media/client.js';
import { spawnMedia } from '../../apps/server/src/media/spawn.js';
import { acceptAnswer, blankPageServer, viewerOffer } from '../../apps/server/src/media/testing/browser-peers.js';
import { launchChromium, MEDIA_FLAGS } from '../../apps/widget/test/browser.js';
import { measureJoins } from './join.js';
import { PUBLISH_CANVAS, READ_TIMESTAMPS, TAKE_SAMPLES } from './pages.js';
import type { BotCommand, BotReply } from './viewer-bot.js';

const SELF = fileURLToPath(import.meta.url);
const BOT = fileURLToPath(new URL('./viewer-bot.ts', import.meta.url));
const LEVELS = (process.env.LIVE_LEVELS ?? '50,100,200')
  .split(',')
  .map(Number)
  .filter((n) => n > 0 && n <= 1000);
const MEASURE_MS = Number(process.env.LIVE_MEASURE_S ?? 10) * 1000;
const BOT_WORKERS = Number(process.env.LIVE_BOT_WORKERS ?? 4);
const CASCADE_VIEWERS = Number(process.env.LIVE_CASCADE_VIEWERS ?? 40);
const JOINS = Number(process.env.LIVE_JOINS ?? 1000);
const CAP_KBPS = 1300;
const LOSS_OK_PCT = 0.1;

const log = (msg: string) => process.stderr.write(`[bench:live] ${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: number[], p: number) =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number) : null;

/** Outside: make the namespace and run this script again inside it; fall back to plain loopback when not allowed. */
function runInNamespace(): boolean {
  const ns = `wdlive${process.pid}`;
  if (spawnSync('ip', ['netns', 'add', ns]).status !== 0) return false;
  try {
    if (spawnSync('ip', ['netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up']).status !== 0) return false;
    const child = spawnSync('ip', ['netns', 'exec', ns, process.execPath, '--import', 'tsx', SELF], {
      stdio: 'inherit',
      env: { ...process.env, LIVE_BENCH_NETNS: ns },
      timeout: 20 * 60_000,
    });
    process.exitCode = child.status ?? 1;
    return true;
  } finally {
    spawnSync('ip', ['netns', 'del', ns]);
  }
}

type Bot = { proc: ChildProcess; waiters: ((r: BotReply) => void)[] };

function startBot(): Bot {
  const proc = fork(BOT, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const bot: Bot = { proc, waiters: [] };
  proc.on('message', (msg: BotReply) => bot.waiters.shift()?.(msg));
  return bot;
}

function ask(bot: Bot, cmd: BotCommand, timeoutMs = 120_000): Promise<BotReply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not answer ${cmd.type}`)), timeoutMs);
    bot.waiters.push((r) => {
      clearTimeout(timer);
      resolve(r);
    });
    bot.proc.send(cmd);
  });
}

type Room = {
  media: MediaClient;
  bots: Bot[];
  viewerPages: Page[];
  botViewers: number;
  close: () => Promise<void>;
};

async function openRoom(browser: Browser, pageUrl: string, processes: number, maxPerProcess: number, roomId: string) {
  const media = await spawnMedia({
    processes,
    secret: `bench-live-secret-${process.pid}`,
    env: { WARMDESK_MEDIA_MAX_VIEWERS_PER_PROCESS: String(maxPerProcess) },
  });
  const host = await (await browser.newContext()).newPage();
  await host.goto(pageUrl);
  const offer = await host.evaluate<string>(PUBLISH_CANVAS);
  await acceptAnswer(host, (await media.publish(roomId, offer, { bitrateCapKbps: CAP_KBPS })).answerSdp);
  const viewerPages: Page[] = [];
  for (let i = 0; i < 2; i++) {
    const page = await (await browser.newContext()).newPage();
    await page.goto(pageUrl);
    await acceptAnswer(page, (await media.watch(roomId, `chromium-${i}`, await viewerOffer(page))).answerSdp);
    await page.evaluate(READ_TIMESTAMPS);
    viewerPages.push(page);
  }
  const bots = Array.from({ length: BOT_WORKERS }, startBot);
  const room: Room = {
    media,
    bots,
    viewerPages,
    botViewers: 0,
    close: async () => {
      await Promise.all(bots.map((b) => ask(b, { type: 'close' }, 5_000).catch(() => undefined)));
      for (const b of bots) b.proc.kill('SIGKILL');
      await host.context().close();
      for (const p of viewerPages) await p.context().close();
      await media.close();
    },
  };
  return room;
}

async function addBots(room: Room, roomId: string, total: number) {
  const missing = total - room.botViewers;
  const per = Math.ceil(missing / room.bots.length);
  const replies = await Promise.all(
    room.bots.map((bot, i) =>
      ask(bot, {
        type: 'add',
        count: Math.max(0, Math.min(per, missing - per * i)),
        roomId,
        urls: room.media.urls,
        secret: `bench-live-secret-${process.pid}`,
        prefix: `bot${i}-${room.botViewers}`,
      }),
    ),
  );
  for (const r of replies) {
    if (r.type === 'added') {
      room.botViewers += r.ok;
      if (r.failed) log(`${r.failed} viewers failed to join: ${r.error}`);
    }
  }
}

/** One measurement window: loss over every bot viewer, glass to glass at the Chromium viewers, SFU CPU. */
async function measure(room: Room) {
  // Every bot viewer connected and receiving before the window opens (bounded).
  for (let i = 0; i < 60; i++) {
    const reports = await Promise.all(room.bots.map((b) => ask(b, { type: 'report' })));
    const receiving = reports.reduce((n, r) => n + (r.type === 'report' ? r.receiving : 0), 0);
    if (receiving >= room.botViewers) break;
    await sleep(500);
  }
  await Promise.all(room.bots.map((b) => ask(b, { type: 'reset' })));
  for (const p of room.viewerPages) await p.evaluate(TAKE_SAMPLES);
  const cpu: number[] = [];
  const until = Date.now() + MEASURE_MS;
  while (Date.now() < until) {
    await sleep(1_000);
    const stats = await room.media.stats();
    cpu.push(Math.max(...stats.map((s) => s.cpuPct)));
  }
  const reports = await Promise.all(room.bots.map((b) => ask(b, { type: 'report' })));
  let received = 0;
  let expected = 0;
  for (const r of reports) {
    if (r.type !== 'report') continue;
    received += r.received;
    expected += r.expected;
  }
  const samples: number[] = [];
  for (const p of room.viewerPages) samples.push(...(await p.evaluate<number[]>(TAKE_SAMPLES)));
  samples.sort((a, b) => a - b);
  const stats = await room.media.stats();
  return {
    viewers: room.botViewers + room.viewerPages.length,
    lossPct: expected > 0 ? Math.round((Math.max(0, expected - received) / expected) * 100_000) / 1000 : null,
    videoPacketsPerViewerPerS: room.botViewers ? Math.round(received / room.botViewers / (MEASURE_MS / 1000)) : 0,
    p50GlassToGlassMs: percentile(samples, 50),
    p95GlassToGlassMs: percentile(samples, 95),
    g2gSamples: samples.length,
    sfuCpuPct: cpu.length ? Math.round((cpu.reduce((a, b) => a + b, 0) / cpu.length) * 10) / 10 : null,
    processesWithViewers: stats.filter((s) => s.viewers > 0).length,
    relayProcesses: stats.filter((s) => s.relayedRooms > 0).length,
  };
}

async function inside() {
  const netns = process.env.LIVE_BENCH_NETNS;
  // libjuice gathers no loopback candidate unless bound to it; in the namespace loopback is all there is.
  if (netns) process.env.WARMDESK_MEDIA_BIND_ADDRESS = '127.0.0.1';
  const started = Date.now();
  const browser = await launchChromium(MEDIA_FLAGS);
  const pages = await blankPageServer();
  const result: Record<string, unknown> = {
    bench: 'live',
    network: netns ? `loopback-only network namespace ${netns}` : 'plain loopback (ip netns not permitted here)',
    capKbps: CAP_KBPS,
    video: '640x360 canvas, 30 fps, timestamp blocks over moving noise',
    botWorkers: BOT_WORKERS,
    measureSeconds: MEASURE_MS / 1000,
  };
  const rooms: Room[] = [];
  try {
    log(`phase 1: one SFU process, levels ${LEVELS.join(', ')}`);
    const single = await openRoom(browser, pages.url, 1, 1000, 'bench-room-single');
    rooms.push(single);
    const levels: Record<string, unknown>[] = [];
    for (const level of LEVELS) {
      try {
        await addBots(single, 'bench-room-single', level - 2);
        const m = await measure(single);
        log(`  ${m.viewers} viewers: ${JSON.stringify(m)}`);
        levels.push(m);
        if ((m.lossPct ?? 100) >= LOSS_OK_PCT) break;
      } catch (err) {
        // The machine ran out of room (usually the bots and Chromium, not the SFU): this level did not pass.
        const error = err instanceof Error ? err.message : String(err);
        log(`  ${level} viewers: ${error}`);
        levels.push({ viewers: level, lossPct: null, error });
        break;
      }
    }
    await single.close();
    rooms.pop();
    const passing = levels.filter((l) => typeof l.lossPct === 'number' && (l.lossPct as number) < LOSS_OK_PCT);
    // The figures of the largest level that passed (else of the last one measured).
    const top = passing.at(-1) ?? levels.at(-1) ?? {};
    Object.assign(result, {
      viewersPerProcess: passing.length ? Math.max(...passing.map((l) => l.viewers as number)) : 0,
      p50GlassToGlassMs: top.p50GlassToGlassMs,
      p95GlassToGlassMs: top.p95GlassToGlassMs,
      lossPct: top.lossPct,
      sfuCpuPct: top.sfuCpuPct,
      levels,
    });

    log(`phase 2: cascade, two SFU processes, ${CASCADE_VIEWERS} viewers`);
    const cascade = await openRoom(browser, pages.url, 2, Math.ceil(CASCADE_VIEWERS / 2), 'bench-room-cascade');
    rooms.push(cascade);
    await addBots(cascade, 'bench-room-cascade', CASCADE_VIEWERS - 2);
    const c = await measure(cascade);
    log(`  cascade: ${JSON.stringify(c)}`);
    await cascade.close();
    rooms.pop();
    Object.assign(result, { processesInRoom: c.processesWithViewers, cascade: c });
  } finally {
    for (const r of rooms) await r.close().catch(() => undefined);
    await browser.close().catch(() => undefined);
    pages.server.close();
  }
  log(`phase 3: ${JOINS} chat-only viewers joining`);
  try {
    Object.assign(result, await measureJoins(JOINS));
  } catch (err) {
    result.joinP99Ms = null;
    result.joinError = err instanceof Error ? err.message : String(err);
  }
  result.elapsedSeconds = Math.round((Date.now() - started) / 1000);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.env.LIVE_BENCH_NETNS || process.env.LIVE_BENCH_NO_NETNS === '1' || !runInNamespace()) {
  const timer = setTimeout(() => {
    log('took over 15 minutes, stopping');
    process.exit(1);
  }, 15 * 60_000);
  timer.unref();
  inside().then(
    () => process.exit(0),
    (err: unknown) => {
      log(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exit(1);
    },
  );
}
