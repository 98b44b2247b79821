import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './global-setup.js';

export const BIN = resolve(import.meta.dirname, '../bin/warmdesk.js');

export async function tempDataDir(): Promise<{ dir: string; env: Record<string, string> }> {
  const dir = mkdtempSync(join(tmpdir(), 'warmdesk-proc-'));
  chmodSync(dir, 0o755);
  return {
    dir,
    env: {
      WARMDESK_DATA_DIR: dir,
      WARMDESK_PORT: String(await freePort()),
      WARMDESK_PG_PORT: String(await freePort()),
      WARMDESK_HOST: '127.0.0.1',
      WARMDESK_LOG_LEVEL: 'warn',
      WARMDESK_SOCKET_MESSAGES_PER_SECOND: '1000',
      WARMDESK_SOCKET_CONNECTS_PER_MINUTE: '100000',
      WARMDESK_WIDGET_SESSIONS_PER_MINUTE: '100000',
    },
  };
}

/** The child gets only the database and Redis a test gives it, never the ones of the shell running the tests. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...rest } = process.env;
  return { ...rest, ...env };
}

export type ServerProcess = { proc: ChildProcess; url: string; output: () => string; exited: Promise<number | null> };

/** Spawns `warmdesk start` as a real child process, without waiting for anything. */
export function spawnServer(env: Record<string, string>): Omit<ServerProcess, 'url'> {
  const proc = spawn(process.execPath, [BIN, 'start'], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  proc.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  return { proc, output: () => out, exited };
}

/** Runs `warmdesk start` as a real child process and waits for its banner. */
export function startProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<ServerProcess> {
  const { proc, output, exited } = spawnServer(env);
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output()}`)), timeoutMs);
    const check = setInterval(() => {
      const m = /Warmdesk is running at (\S+)/.exec(output());
      if (m?.[1]) {
        clearInterval(check);
        clearTimeout(timer);
        resolveStart({ proc, url: m[1], output, exited });
      }
    }, 50);
    exited.then((code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output()}`));
    });
  });
}

export type Demo = { inboxKey: string; agentEmail: string; agentPassword: string };

/** The demo inbox key and first agent's login, from a server's start banner. */
export function demoFrom(banner: string): Demo {
  const key = /Demo web-widget inbox key: (\S+)/.exec(banner)?.[1];
  const agent = /^\s+agent\s+(\S+@\S+)\s+(\S+)$/m.exec(banner);
  if (!key || !agent?.[1] || !agent[2]) throw new Error(`no demo logins in:\n${banner}`);
  return { inboxKey: key, agentEmail: agent[1], agentPassword: agent[2] };
}

export function runCli(
  args: string[],
  env: Record<string, string>,
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: childEnv(env), encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** PIDs of PostgreSQL processes serving a data dir (read from /proc). */
export function postgresPids(dataDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.includes('postgres') && cmd.includes(join(dataDir, 'pg'))) pids.push(Number(entry));
    } catch {
      // process ended while scanning
    }
  }
  return pids;
}

/** Tracks child servers and data dirs a test file makes; `cleanup()` kills what is left and removes the dirs. */
export function processTracker() {
  const dirs: string[] = [];
  const running: ServerProcess[] = [];
  return {
    dirs,
    running,
    cleanup: () => {
      for (const p of running) p.proc.kill('SIGKILL');
      for (const d of dirs) {
        for (const pid of postgresPids(d)) process.kill(pid, 'SIGQUIT');
        rmSync(d, { recursive: true, force: true });
      }
    },
  };
}
