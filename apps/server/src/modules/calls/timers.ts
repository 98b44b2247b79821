/**
 * This process's call timers (ringing, a side away). Only a shortcut: each expiry re-checks the database with a
 * conditional UPDATE, and a periodic sweep ends what a stopped process's timers would have (calls-sweep.ts).
 */
export class KeyedTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly onError: (err: unknown) => void) {}

  set(key: string, ms: number, fn: () => Promise<unknown>): void {
    if (this.stopped) return;
    this.clear(key);
    const timer = setTimeout(
      () => {
        this.timers.delete(key);
        fn().catch(this.onError);
      },
      Math.max(0, ms),
    );
    timer.unref();
    this.timers.set(key, timer);
  }

  clear(key: string): void {
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
