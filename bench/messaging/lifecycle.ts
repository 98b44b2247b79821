import { log } from './stats.js';

/**
 * Runs a bench: `main`, then `cleanup` on every way out (done, failed, Ctrl-C), so no worker, server or data dir
 * outlives it. A failure sets exit code 1; nothing may keep the process alive after cleanup.
 */
export function runBench(main: () => Promise<void>, cleanup: () => Promise<void>): void {
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      log('bench', `${signal}: stopping workers and server`);
      cleanup().finally(() => process.exit(130));
    });
  }
  main()
    .catch((err: unknown) => {
      if (interrupted) return;
      log('bench', `FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      process.exitCode = 1;
    })
    .finally(async () => {
      await cleanup();
      setTimeout(() => process.exit(), 1000).unref();
    });
}
