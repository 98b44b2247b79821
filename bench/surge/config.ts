import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { envNumber } from '../messaging/stats.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const HERE = 'bench/surge';

/** Targets of issue 5. */
export const TARGET_P99_FIRST_RESPONSE_MS = 1000;

/** Settings, from SURGE_* environment variables (docs/performance.md, "Surge"). */
export const cfg = {
  customers: Math.round(envNumber('SURGE_CUSTOMERS', 10_000)),
  seconds: envNumber('SURGE_SECONDS', 60),
  agents: Math.round(envNumber('SURGE_AGENTS', 50)),
  capacity: Math.round(envNumber('SURGE_CAPACITY', 5)),
  /** WARMDESK_WORKERS of the server: one worker per CPU unless set. */
  serverWorkers: process.env.SURGE_WORKERS || 'auto',
  agentProcesses: Math.round(envNumber('SURGE_AGENT_PROCESSES', 2)),
  customerProcesses: Math.round(envNumber('SURGE_CUSTOMER_PROCESSES', 2)),
  handleMinMs: Math.round(envNumber('SURGE_HANDLE_MIN_MS', 2000)),
  handleMaxMs: Math.round(envNumber('SURGE_HANDLE_MAX_MS', 6000)),
  /** After the last arrival: how long to wait for every customer to be assigned, answered and resolved. */
  drainSeconds: envNumber('SURGE_DRAIN_SECONDS', 300),
  /** Customers of one process whose setup (session, socket, conversation) may run at once before arrivals wait. */
  maxSetupsInFlight: Math.round(envNumber('SURGE_MAX_SETUPS_IN_FLIGHT', 1000)),
  sampleMs: Math.round(envNumber('SURGE_SAMPLE_MS', 200)),
  /**
   * Nice value of the agent and customer worker processes (0: same priority as the server). Off by default: on
   * the shared 2-core machine it did not give the server more CPU, and it delayed arrivals (docs/performance.md).
   */
  workerNice: ['', '0', undefined].includes(process.env.SURGE_WORKER_NICE)
    ? 0
    : Math.round(envNumber('SURGE_WORKER_NICE', 1)),
  /** Fixed ports for the server and its PostgreSQL (default: free ones from the kernel). */
  port: process.env.SURGE_PORT ? Math.round(envNumber('SURGE_PORT', 1)) : undefined,
  pgPort: process.env.SURGE_PG_PORT ? Math.round(envNumber('SURGE_PG_PORT', 1)) : undefined,
};

export function checkConfig(): void {
  if (cfg.handleMaxMs < cfg.handleMinMs) throw new Error('SURGE_HANDLE_MAX_MS must be >= SURGE_HANDLE_MIN_MS');
  if (cfg.workerNice > 19) throw new Error('SURGE_WORKER_NICE must be 0 to 19');
  if (cfg.agentProcesses > cfg.agents) throw new Error('SURGE_AGENT_PROCESSES must be <= SURGE_AGENTS');
}

/** Open-files limit for the server and the workers: every customer holds a socket until the end. */
export const FD_LIMIT = Math.max(65_536, cfg.customers * 2 + 4096);

/** Epoch milliseconds with sub-millisecond precision, comparable across the bench's processes. */
export const epochMs = () => performance.timeOrigin + performance.now();
