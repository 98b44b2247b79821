import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { type BenchServer, machineBusyTicks, TICKS_PER_SECOND } from '../messaging/server.js';
import { round } from '../messaging/stats.js';

/** utime + stime in clock ticks from /proc/<pid>/stat; 0 once the process is gone. */
function ticksOf(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  } catch {
    return 0;
  }
}

/** The bench's own CPU ticks: its worker processes and this orchestrator. */
function benchTicks(workerPids: number[]): number {
  const own = process.cpuUsage();
  const ownTicks = ((own.user + own.system) / 1e6) * TICKS_PER_SECOND;
  return workerPids.reduce((sum, pid) => sum + ticksOf(pid), ownTicks);
}

/**
 * From now until the returned function is called: server RSS peak (sampled once a second) and the CPU of the
 * server, its PostgreSQL, the bench's own processes and the whole machine.
 */
export function watchUsage(server: BenchServer, workerPids: number[]) {
  let rssPeak = 0;
  const timer = setInterval(() => {
    try {
      rssPeak = Math.max(rssPeak, server.rssBytes());
    } catch {
      // exited
    }
  }, 1000);
  const cpu0 = server.cpuTicks();
  const bench0 = benchTicks(workerPids);
  const machine0 = machineBusyTicks();
  const load0 = loadavg()[0] ?? 0;
  const t0 = Date.now();
  return () => {
    clearInterval(timer);
    const cpu1 = server.cpuTicks();
    const bench = benchTicks(workerPids) - bench0;
    const machine = machineBusyTicks() - machine0;
    const seconds = (Date.now() - t0) / 1000;
    const pct = (ticks: number) => Math.round((ticks / TICKS_PER_SECOND / seconds) * 100);
    return {
      serverRssPeakMb: Math.round(rssPeak / 1024 / 1024),
      serverCpuPct: pct(cpu1.server - cpu0.server),
      postgresCpuPct: pct(cpu1.postgres - cpu0.postgres),
      /** The bench's worker processes and orchestrator (the load generator). */
      benchCpuPct: pct(bench),
      /** Whole machine, all CPUs (200 = both cores busy), bench workers and anything else running included. */
      machineCpuPct: pct(machine),
      loadAverage1m: [round(load0, 1), round(loadavg()[0] ?? 0, 1)],
    };
  };
}
