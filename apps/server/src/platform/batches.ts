type Waiter<In, Out> = { input: In; resolve: (out: Out) => void; reject: (err: unknown) => void };

/**
 * Work done in batches per key, for hot paths where each request would otherwise cost its own round trip: a
 * request runs at once when nothing of its key is running; requests that arrive while a batch of their key runs
 * wait and go together in the next one. Under light load nothing waits; under a surge one statement serves many.
 * `run` returns one result per input, in order; if it throws, every request of the batch fails with that error.
 */
export class Batches<In, Out> {
  private readonly waiting = new Map<string, Waiter<In, Out>[]>();
  private readonly running = new Set<string>();

  constructor(private readonly run: (key: string, inputs: In[]) => Promise<Out[]>) {}

  request(key: string, input: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(key);
      if (queue) queue.push({ input, resolve, reject });
      else this.waiting.set(key, [{ input, resolve, reject }]);
      if (!this.running.has(key)) void this.take(key);
    });
  }

  private async take(key: string): Promise<void> {
    const batch = this.waiting.get(key) ?? [];
    this.waiting.delete(key);
    if (batch.length === 0) return;
    this.running.add(key);
    try {
      const results = await this.run(
        key,
        batch.map((w) => w.input),
      );
      for (const [i, w] of batch.entries()) w.resolve(results[i] as Out);
    } catch (err) {
      for (const w of batch) w.reject(err);
    } finally {
      this.running.delete(key);
      if (this.waiting.has(key)) void this.take(key);
    }
  }
}

/** One instance per owner object, e.g. per pool (tests run several servers, each with its own pool, in one process). */
export function onePer<P extends object, T>(make: (owner: P) => T): (owner: P) => T {
  const instances = new WeakMap<P, T>();
  return (owner) => {
    let instance = instances.get(owner);
    if (instance === undefined) {
      instance = make(owner);
      instances.set(owner, instance);
    }
    return instance;
  };
}
