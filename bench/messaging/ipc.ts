import { type ChildProcess, spawn } from 'node:child_process';
import { log } from './stats.js';

/** Results of one load step, computed in the load worker. */
export type StepResult = {
  label: string;
  offeredRate: number;
  durationS: number;
  customerSent: number;
  agentSent: number;
  acked: number;
  ackFailed: number;
  ackErrors: Record<string, number>;
  delivered: number;
  lost: number;
  messagesPerSecond: number;
  p50DeliveredMs: number;
  p99DeliveredMs: number;
  maxDeliveredMs: number;
  p50CustomerToAgentMs: number;
  p99CustomerToAgentMs: number;
  p50AgentToCustomerMs: number;
  p99AgentToCustomerMs: number;
  p50AckMs: number;
  p99AckMs: number;
  drainMs: number;
  workerCpuPct: number;
  workerLoopDelayP99Ms: number;
};

export type LoadCommand =
  | { type: 'setup'; baseUrl: string; inboxKey: string; apiToken: string; customers: number; agents: number }
  | { type: 'step'; label: string; totalRate: number; durationS: number; graceS: number }
  | { type: 'close' };

export type LoadReply =
  | { type: 'setupDone'; customers: number; agents: number; ms: number }
  | { type: 'stepDone'; result: StepResult }
  | { type: 'closed' }
  | { type: 'error'; message: string };

export type IdleCommand =
  | { type: 'sessions'; baseUrl: string; inboxKey: string; count: number; concurrency: number }
  | { type: 'connect'; baseUrl: string; concurrency: number; timeoutMs: number }
  | { type: 'pings' }
  | { type: 'close' };

export type IdleReply =
  | { type: 'sessionsDone'; created: number; ms: number }
  | {
      type: 'connected';
      ready: number;
      failed: number;
      errors: string[];
      ms: number;
      pingIntervalMs: number | null;
      fdLimit: string;
    }
  | { type: 'pingCount'; pings: number; open: number; disconnects: number }
  | { type: 'closed' }
  | { type: 'error'; message: string };

type Reply = { type: string };

/**
 * A worker child process (`node --import tsx <script>`) talking over IPC. It is started through `sh -c 'ulimit -n
 * N; exec node ...'` so it can hold many sockets; `exec` keeps the pid and the IPC channel. Its stdout goes to our
 * stderr so that our stdout carries only the final JSON line.
 */
export class Worker<C extends { type: string }, R extends Reply> {
  private readonly child: ChildProcess;
  private readonly inbox: R[] = [];
  private wake: (() => void) | undefined;
  private exitCode: number | null | undefined;
  private failure: string | undefined;

  constructor(
    readonly name: string,
    script: string,
    opts: { cwd: string; fdLimit: number },
  ) {
    this.child = spawn(
      'sh',
      [
        '-c',
        `ulimit -n ${opts.fdLimit} 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"`,
        process.execPath,
        '--import',
        'tsx',
        script,
      ],
      { cwd: opts.cwd, stdio: ['ignore', 2, 'inherit', 'ipc'], env: process.env },
    );
    this.child.on('message', (m: R) => {
      if (m.type === 'error' && 'message' in m) this.failure = String(m.message);
      this.inbox.push(m);
      this.wake?.();
    });
    this.child.on('exit', (code, signal) => {
      this.exitCode = code ?? (signal ? -1 : null);
      this.wake?.();
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  send(command: C): void {
    this.child.send(command);
  }

  /** The next reply of this type; fails on a worker error, a worker exit, or the timeout. */
  async waitFor<T extends R['type']>(type: T, timeoutMs: number): Promise<Extract<R, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.inbox.findIndex((m) => m.type === type);
      if (i >= 0) return this.inbox.splice(i, 1)[0] as Extract<R, { type: T }>;
      if (this.failure) throw new Error(`${this.name} worker failed: ${this.failure}`);
      if (this.exitCode !== undefined) throw new Error(`${this.name} worker exited (code ${this.exitCode})`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.name} worker: no "${type}" within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1000));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Asks the worker to close its sockets and exit; kills it if it does not within the timeout. */
  async stop(timeoutMs = 20_000): Promise<void> {
    if (this.exitCode !== undefined) return;
    try {
      if (this.child.connected) this.send({ type: 'close' } as C);
    } catch {
      // the channel may already be gone
    }
    const deadline = Date.now() + timeoutMs;
    while (this.exitCode === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (this.exitCode === undefined) {
      log(this.name, 'did not exit, killing it');
      this.child.kill('SIGKILL');
    }
  }
}

/** Worker side: typed `process.send`, and exit when the parent goes away. */
export function workerChannel<C extends { type: string }, R extends Reply>(handler: (command: C) => Promise<void>) {
  const reply = (m: R) => {
    process.send?.(m);
  };
  process.on('disconnect', () => process.exit(0));
  process.on('message', (command: C) => {
    handler(command).catch((err: unknown) => {
      process.send?.({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    });
  });
  return reply;
}
