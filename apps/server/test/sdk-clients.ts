import type { Message } from '@warmdesk/protocol';
import { createClient, memoryStorage, type WarmdeskClient } from '@warmdesk/sdk';

type Storage = ReturnType<typeof memoryStorage>;

/** Deterministic random numbers (mulberry32) so a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One simulated customer "device": its storage survives reloads; each page load is a new SDK client
 * instance whose emitted messages are recorded separately.
 */
export class SimulatedCustomer {
  readonly storage: Storage = memoryStorage();
  client: WarmdeskClient;
  /** Messages emitted by each client instance (page load), in emission order. */
  readonly emitted: Message[][] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly inboxKey: string,
  ) {
    this.client = this.load();
  }

  private load(): WarmdeskClient {
    const client = createClient({
      baseUrl: this.baseUrl,
      inboxKey: this.inboxKey,
      storage: this.storage,
      ackTimeoutMs: 3000,
    });
    const seen: Message[] = [];
    this.emitted.push(seen);
    client.on('message', (m) => seen.push(m));
    client.on('error', () => {});
    return client;
  }

  /** Like a page reload: the old instance is gone, a new one starts from the stored session and outbox. */
  async reload(): Promise<void> {
    this.client.close();
    this.client = this.load();
    await this.client.connect();
  }

  get current(): Message[] {
    return this.emitted[this.emitted.length - 1] ?? [];
  }
}

/** True when every instance emitted strictly increasing seqs per conversation (no duplicate, no reorder). */
export function emittedInOrder(instances: Message[][]): boolean {
  return instances.every((list) => {
    const last = new Map<string, number>();
    return list.every((m) => {
      const prev = last.get(m.conversationId) ?? 0;
      last.set(m.conversationId, m.seq);
      return m.seq > prev;
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
