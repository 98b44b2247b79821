/** A domain event: written to the `events` table in the command's transaction, published after commit. */
export type DomainEvent<P = Record<string, unknown>> = {
  id?: number;
  accountId: string;
  type: string;
  payload: P;
};

type Handler = (event: DomainEvent) => void | Promise<void>;

/**
 * In-process pub/sub for committed events. Each module registers its own handlers
 * (realtime fan-out, later webhooks and jobs); a failing handler never affects the others.
 */
export class EventBus {
  private readonly handlers = new Map<string, Set<Handler>>();
  constructor(private readonly onError: (err: unknown, event: DomainEvent) => void) {}

  on(type: string, handler: Handler): () => void {
    let set = this.handlers.get(type);
    if (!set) {
      set = new Set();
      this.handlers.set(type, set);
    }
    set.add(handler);
    return () => set.delete(handler);
  }

  publish(events: readonly DomainEvent[]): void {
    for (const event of events) {
      for (const type of [event.type, '*']) {
        for (const handler of this.handlers.get(type) ?? []) {
          try {
            const result = handler(event);
            if (result instanceof Promise) result.catch((err) => this.onError(err, event));
          } catch (err) {
            this.onError(err, event);
          }
        }
      }
    }
  }
}
