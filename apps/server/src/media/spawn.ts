import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MediaClient } from './client.js';

export type SpawnOptions = {
  processes: number;
  /** Shared secret of the control API and the cascade link; generated when undefined. */
  secret: string | undefined;
  /** Extra environment for every SFU process (WARMDESK_MEDIA_* settings). */
  env: Record<string, string>;
  startTimeoutMs?: number;
  onLog?: (line: string) => void;
};

const STOP_GRACE_MS = 3_000;
/** A process that died is started again on its port after this, then after twice as long each failed try. */
const RESTART_DELAY_MS = 500;
const RESTART_TRIES = 6;

/** The SFU entry: the TypeScript source run through tsx (as bin/warmdesk.js runs the server), or a build. */
function entry(): { path: string; execArgv: string[] } {
  const ts = fileURLToPath(new URL('./main.ts', import.meta.url));
  // Resolved here, not from the working directory the server was started in.
  if (existsSync(ts)) {
    const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
    return { path: ts, execArgv: ['--import', pathToFileURL(join(dirname(tsxPackage), 'dist/loader.mjs')).href] };
  }
  return { path: fileURLToPath(new URL('./main.js', import.meta.url)), execArgv: [] };
}

function startOne(index: number, secret: string, options: SpawnOptions): Promise<{ child: ChildProcess; url: string }> {
  const { path, execArgv } = entry();
  const child = fork(path, [], {
    execArgv,
    env: {
      ...process.env,
      ...options.env,
      WARMDESK_MEDIA_SECRET: secret,
      WARMDESK_MEDIA_ID: `media-${index + 1}`,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stderr?.on('data', (d: Buffer) => options.onLog?.(d.toString().trimEnd()));
  child.stdout?.resume();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`media process ${index + 1} did not start`));
    }, options.startTimeoutMs ?? 30_000);
    child.on('message', (msg: unknown) => {
      const m = msg as { type?: unknown; url?: unknown } | null;
      if (m?.type === 'ready' && typeof m.url === 'string') {
        clearTimeout(timer);
        resolve({ child, url: m.url });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`media process ${index + 1} exited with ${code}`));
    });
  });
}

/** Children being stopped on purpose (their exit is not news). */
const stopping = new WeakSet<ChildProcess>();

function stop(child: ChildProcess): Promise<void> {
  stopping.add(child);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Forks the SFU processes, waits until each listens, and returns a MediaService over them that stops them on close. */
export async function spawnMedia(options: SpawnOptions): Promise<MediaClient> {
  const secret = options.secret ?? randomBytes(24).toString('base64url');
  const started = await Promise.allSettled(
    Array.from({ length: options.processes }, (_, i) => startOne(i, secret, options)),
  );
  const children = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value.child] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(children.map(stop));
    throw failed.reason;
  }
  const urls = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value.url] : []));
  let closed = false;
  children.forEach((child, index) => {
    supervise(child, index);
  });
  /**
   * A process that dies (a crash in the native WebRTC library) is started again on the same control port, so the
   * client's placement of rooms stays as it was; its rooms lost their media and the host publishes again.
   */
  function supervise(child: ChildProcess, index: number): void {
    child.once('exit', (code, signal) => {
      if (closed || stopping.has(child)) return;
      options.onLog?.(`media process ${index + 1} exited (${signal ?? code}); its rooms lost video; restarting it`);
      void restart(index, 0);
    });
  }
  async function restart(index: number, attempt: number): Promise<void> {
    await new Promise((r) => setTimeout(r, RESTART_DELAY_MS * 2 ** attempt));
    if (closed) return;
    const port = new URL(urls[index] as string).port;
    const env = { ...options.env, WARMDESK_MEDIA_CONTROL_PORT: port };
    try {
      const { child } = await startOne(index, secret, { ...options, env });
      if (closed) return void stop(child);
      children[index] = child;
      supervise(child, index);
      options.onLog?.(`media process ${index + 1} restarted`);
    } catch (err) {
      if (attempt + 1 < RESTART_TRIES) return restart(index, attempt + 1);
      options.onLog?.(`media process ${index + 1} could not be restarted: ${String(err)}`);
    }
  }
  return new MediaClient(urls, secret, async () => {
    closed = true;
    await Promise.all(children.map(stop));
  });
}
