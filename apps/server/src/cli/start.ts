import type { FastifyBaseLogger } from 'fastify';
import type { DemoSeed } from '../modules/accounts/seed-demo.js';
import { type WorkerReady, workerIndex } from '../platform/cluster/messages.js';
import { startCluster } from '../platform/cluster/primary.js';
import type { Config } from '../platform/config.js';
import { startServer } from '../server.js';

type Started = { url: string; demo: DemoSeed | undefined; embedded: boolean; workers: number };

function banner(s: Started): string {
  const lines = [
    '',
    `  Warmdesk is running at ${s.url}`,
    `  Agent workspace: ${s.url}/app  (admin console: ${s.url}/app/admin)`,
    `  API reference:  ${s.url}/api/docs`,
    `  Database:       ${s.embedded ? 'embedded PostgreSQL' : 'external PostgreSQL (DATABASE_URL)'}`,
  ];
  if (s.workers > 1) lines.push(`  Processes:      ${s.workers} server workers (WARMDESK_WORKERS)`);
  const demo = s.demo;
  if (demo) {
    lines.push('', '  Demo account logins (sign in at /app):');
    for (const u of [demo.admin, demo.supervisor, ...demo.agents]) {
      lines.push(`    ${u.role.padEnd(10)} ${u.email.padEnd(28)} ${u.password}`);
    }
    lines.push(
      `  Demo web-widget inbox key: ${demo.inboxKey}`,
      `  Try the widget on the demo shop: ${s.url}/demo`,
      '  More: npx warmdesk seed --json',
      '',
    );
  }
  return lines.join('\n');
}

type Running = { log: FastifyBaseLogger; close: () => Promise<void>; emergencyStop: () => void };

/**
 * SIGINT/SIGTERM handling, installed before start-up: a signal during start-up (Ctrl+C while the embedded
 * PostgreSQL and the workers come up) is kept and acted on once there is something to close, so nothing is left
 * running. Then a graceful close, with a forced exit after 30 s.
 */
function shutdownOnSignal(): { attach: (running: Running) => void } {
  let running: Running | undefined;
  let requested: string | undefined;
  let stopping = false;
  const stop = (signal: string) => {
    if (!running) {
      requested ??= signal;
      return;
    }
    if (stopping) return;
    stopping = true;
    const current = running;
    current.log.info(`${signal} received, shutting down`);
    const force = setTimeout(() => {
      current.emergencyStop();
      process.exit(1);
    }, 30_000);
    force.unref();
    current.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return {
    attach: (r) => {
      running = r;
      process.on('exit', () => r.emergencyStop());
      process.on('uncaughtException', (err) => {
        r.log.fatal({ err }, 'uncaught exception');
        r.emergencyStop();
        process.exit(1);
      });
      process.on('unhandledRejection', (err) => {
        r.log.error({ err }, 'unhandled rejection');
      });
      if (requested) stop(requested);
    },
  };
}

/**
 * Runs until SIGINT/SIGTERM; then closes sockets, HTTP and the embedded PostgreSQL before exiting. With
 * WARMDESK_WORKERS above 1 this process supervises that many workers (platform/cluster/primary.ts); a worker
 * runs the server on the port they share and tells the primary when it serves.
 */
export async function startCommand(config: Config): Promise<number> {
  const signals = shutdownOnSignal();
  if (workerIndex() !== undefined) {
    const server = await startServer(config);
    signals.attach({ log: server.ctx.log, close: server.close, emergencyStop: server.emergencyStop });
    if (server.privatePort === undefined) throw new Error('a worker without its private port');
    const ready: WorkerReady = { type: 'warmdesk:worker-ready', port: server.port, privatePort: server.privatePort };
    process.send?.(ready);
    return -1;
  }
  if (config.workers > 1) {
    const running = await startCluster(config);
    console.log(banner({ ...running, embedded: running.embeddedPgPid !== undefined }));
    signals.attach(running);
    return -1;
  }
  const server = await startServer(config);
  console.log(banner({ ...server, embedded: server.embeddedPgPid !== undefined, workers: 1 }));
  signals.attach({ log: server.ctx.log, close: server.close, emergencyStop: server.emergencyStop });
  return -1;
}
