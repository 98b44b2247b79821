/** A small typed event emitter that works the same in browsers and Node (no `events` import). */

export type Listener<T> = (payload: T) => void;

/** `Events` maps each event name to its payload type. */
export class Emitter<Events extends object> {
  private listeners = new Map<keyof Events, Set<Listener<never>>>();

  /**
   * Called when a listener throws. The default rethrows on a fresh task so that one faulty listener neither stops
   * the others nor corrupts the caller's state (the error still surfaces as an uncaught exception).
   */
  constructor(private readonly onListenerError: (error: unknown, event: keyof Events) => void = rethrowLater) {}

  on<K extends keyof Events>(event: K, fn: Listener<Events[K]>): this {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(fn as Listener<never>);
    return this;
  }

  off<K extends keyof Events>(event: K, fn: Listener<Events[K]>): this {
    this.listeners.get(event)?.delete(fn as Listener<never>);
    return this;
  }

  /** Calls every listener of `event` in registration order; returns whether it had listeners. */
  emit<K extends keyof Events>(event: K, payload: Events[K]): boolean {
    const set = this.listeners.get(event);
    if (!set || set.size === 0) return false;
    for (const fn of [...set] as Listener<Events[K]>[]) {
      try {
        fn(payload);
      } catch (error) {
        this.onListenerError(error, event);
      }
    }
    return true;
  }

  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  removeAllListeners(): void {
    this.listeners.clear();
  }
}

function rethrowLater(error: unknown): void {
  setTimeout(() => {
    throw error;
  }, 0);
}
