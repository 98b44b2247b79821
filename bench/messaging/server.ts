import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { log } from './stats.js';

export type Seed = { accountId: string; inboxId: string; inboxKey: string; apiToken: string };

/** A free TCP port on 127.0.0.1 (asked from the kernel, then released). */
/** A fresh data dir the embedded PostgreSQL can use (run as root, it runs as the OS user postgres). */
export function benchDataDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function readProc(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

/** utime + stime in clock ticks (USER_HZ, 100 on Linux) and the parent pid, from /proc/<pid>/stat. */
function stat(pid: number): { ticks: number; ppid: number } {
  const text = readProc(pid, 'stat');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), ticks: Number(fields[11] ?? 0) + Number(fields[12] ?? 0) };
}

function childrenOf(pid: number): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    const p = Number(name);
    if (Number.isInteger(p) && p > 0 && stat(p).ppid === pid) pids.push(p);
  }
  return pids;
}

export const TICKS_PER_SECOND = 100;

/** Busy CPU ticks of the whole machine, all CPUs (user, nice, system, irq, softirq, steal), from /proc/stat. */
export function machineBusyTicks(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return [user, nice, system, irq, softirq, steal].reduce<number>((sum, v) => sum + (v ?? 0), 0);
}

/** Env for the bench server: only our WARMDESK_* settings, and never an external DATABASE_URL. */
function serverEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('WARMDESK_') && k !== 'DATABASE_URL') env[k] = v;
  }
  return { ...env, ...settings };
}

/**
 * The Warmdesk server as a child process. It is started through `sh -c 'ulimit -n N; exec node ...'`: `exec`
 * replaces the shell, so the child's pid is the Node server process itself (checked through /proc/<pid>/cmdline).
 */
export class BenchServer {
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly repoRoot: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    child.on('exit', () => {
      this.exited = true;
    });
  }

  /**
   * A server of its own on loopback: free ports for HTTP and the embedded PostgreSQL, data in `dataDir`, warnings
   * only in its log; `settings` add to or override that.
   */
  static async onLoopback(
    repoRoot: string,
    dataDir: string,
    settings: Record<string, string>,
    fdLimit: number,
  ): Promise<BenchServer> {
    return BenchServer.start(
      repoRoot,
      {
        WARMDESK_PORT: String(await freePort()),
        WARMDESK_HOST: '127.0.0.1',
        WARMDESK_DATA_DIR: dataDir,
        WARMDESK_PG_PORT: String(await freePort()),
        WARMDESK_LOG_LEVEL: 'warn',
        ...settings,
      },
      fdLimit,
    );
  }

  static async start(repoRoot: string, settings: Record<string, string>, fdLimit: number): Promise<BenchServer> {
    const env = serverEnv(settings);
    const child = spawn(
      'sh',
      [
        '-c',
        `ulimit -n ${fdLimit} 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"`,
        process.execPath,
        // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server under load
        ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
        'apps/server/bin/warmdesk.js',
        'start',
      ],
      { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    let shown = 0;
    const onLine = (line: string) => {
      output = `${output}${line}\n`.slice(-8000);
      // pino logs (warn and above) are JSON lines; show the first few, count the rest.
      if (line.startsWith('{') && shown++ < 10) log('server', line.slice(0, 400));
    };
    for (const stream of [child.stdout, child.stderr]) {
      let buffer = '';
      stream?.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) onLine(line);
      });
    }
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server not ready within 120 s:\n${output}`)), 120_000);
      const check = () => {
        const m = /Warmdesk is running at (\S+)/.exec(output);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout?.on('data', check);
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited (code ${code}) before it was ready:\n${output}`));
      });
    }).catch(async (err: unknown) => {
      if (child.exitCode === null) child.kill('SIGKILL');
      throw err;
    });
    const server = new BenchServer(child, url.replace('localhost', '127.0.0.1'), repoRoot, env);
    const cmdline = readProc(server.pid, 'cmdline').replaceAll('\0', ' ');
    if (!cmdline.includes('warmdesk.js')) throw new Error(`pid ${server.pid} is not the server: ${cmdline}`);
    return server;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** `warmdesk seed --json` against this server's database: credentials and a fresh admin API token. */
  seed(): Promise<Seed> {
    return new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        ['apps/server/bin/warmdesk.js', 'seed', '--json'],
        { cwd: this.repoRoot, env: this.env, timeout: 60_000 },
        (err, stdout, stderr) => {
          if (err) return reject(new Error(`seed failed: ${err.message}\n${stderr}`));
          const line = stdout
            .split('\n')
            .reverse()
            .find((l) => l.startsWith('{'));
          if (!line) return reject(new Error(`seed printed no JSON:\n${stdout}\n${stderr}`));
          resolve(JSON.parse(line) as Seed);
        },
      );
    });
  }

  /** The Node server process and, with WARMDESK_WORKERS, the workers it forked. */
  serverPids(): number[] {
    return [this.pid, ...childrenOf(this.pid).filter((p) => readProc(p, 'cmdline').includes('warmdesk.js'))];
  }

  /** Resident set size of the Node server processes (VmRSS, summed), in bytes. */
  rssBytes(): number {
    let total = 0;
    for (const pid of this.serverPids()) {
      const m = /VmRSS:\s+(\d+) kB/.exec(readProc(pid, 'status'));
      if (!m?.[1]) throw new Error(`cannot read VmRSS of pid ${pid}`);
      total += Number(m[1]) * 1024;
    }
    return total;
  }

  /** The open-files limit the server process runs with. */
  fdLimit(): string {
    return /Max open files\s+(\d+)/.exec(readProc(this.pid, 'limits'))?.[1] ?? 'unknown';
  }

  /** CPU ticks used so far by the Node server (and its workers) and by the embedded PostgreSQL (postmaster and backends). */
  cpuTicks(): { server: number; postgres: number } {
    const postmaster = childrenOf(this.pid).find((p) => readProc(p, 'cmdline').includes('postgres'));
    let postgres = 0;
    if (postmaster) for (const p of [postmaster, ...childrenOf(postmaster)]) postgres += stat(p).ticks;
    const server = this.serverPids().reduce((sum, pid) => sum + stat(pid).ticks, 0);
    return { server, postgres };
  }

  /** The server's Prometheus text (GET /metrics). */
  async metrics(): Promise<string> {
    const res = await fetch(`${this.url}/metrics`, { signal: AbortSignal.timeout(10_000) });
    return res.text();
  }

  /** SIGTERM and wait (the server stops its embedded PostgreSQL); SIGKILL after the timeout. */
  async stop(timeoutMs = 45_000): Promise<void> {
    if (this.exited) return;
    const postmaster = childrenOf(this.pid).find((p) => readProc(p, 'cmdline').includes('postgres'));
    this.child.kill('SIGTERM');
    const deadline = Date.now() + timeoutMs;
    while (!this.exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (!this.exited) {
      log('server', `did not stop within ${timeoutMs} ms; killing pid ${this.pid}`);
      this.child.kill('SIGKILL');
      if (postmaster) {
        try {
          process.kill(postmaster, 'SIGQUIT');
        } catch {
          // already gone
        }
      }
    }
  }
}

/** Value of one Prometheus sample line, e.g. `name{label="x"} 12`. */
export function metricValue(text: string, name: string, labels = ''): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}${labels ? `{${labels}}` : ''} `)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

/** Cumulative bucket counts of a Prometheus histogram, summed over its label sets: le -> count. */
export function histogram(text: string, name: string): Map<number, number> {
  const buckets = new Map<number, number>();
  const re = new RegExp(`^${name}_bucket\\{(?:.*,)?le="([^"]+)"(?:,.*)?\\} (\\S+)$`);
  for (const line of text.split('\n')) {
    const m = re.exec(line);
    if (!m?.[1] || !m[2]) continue;
    const le = m[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(m[1]);
    buckets.set(le, (buckets.get(le) ?? 0) + Number(m[2]));
  }
  return buckets;
}

/** Upper bucket bound (ms) holding the p-th percentile of the observations between two histogram snapshots. */
export function histogramPercentileMs(before: Map<number, number>, after: Map<number, number>, p: number): number {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const total = (after.get(Number.POSITIVE_INFINITY) ?? 0) - (before.get(Number.POSITIVE_INFINITY) ?? 0);
  if (total <= 0) return Number.NaN;
  for (const le of bounds) {
    const count = (after.get(le) ?? 0) - (before.get(le) ?? 0);
    if (count >= (p / 100) * total) return le * 1000;
  }
  return Number.POSITIVE_INFINITY;
}
