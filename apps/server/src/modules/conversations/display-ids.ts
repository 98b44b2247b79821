import type { Pool } from 'pg';
import { AppError } from '../../platform/errors.js';

type Waiter = { resolve: (id: number) => void; reject: (err: unknown) => void };

/**
 * Hands out each account's conversation numbers (#1, #2, ...). Every number passes through the account row, so
 * under a surge one UPDATE per new conversation made them queue on that row's lock, each behind the previous
 * one's commit. Here the requests that arrive while an UPDATE is running wait for the next one, which takes
 * all of their numbers at once: one statement per batch, numbers in the order they were asked for, no gaps.
 */
export class DisplayIdAllocator {
  private readonly waiting = new Map<string, Waiter[]>();
  private readonly running = new Set<string>();

  constructor(private readonly pool: Pool) {}

  next(accountId: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(accountId);
      if (queue) queue.push({ resolve, reject });
      else this.waiting.set(accountId, [{ resolve, reject }]);
      if (!this.running.has(accountId)) void this.take(accountId);
    });
  }

  private async take(accountId: string): Promise<void> {
    const batch = this.waiting.get(accountId) ?? [];
    this.waiting.delete(accountId);
    if (batch.length === 0) return;
    this.running.add(accountId);
    try {
      const { rows } = await this.pool.query<{ last: number }>(
        'UPDATE accounts SET last_display_id = last_display_id + $2 WHERE id = $1 RETURNING last_display_id AS last',
        [accountId, batch.length],
      );
      const last = rows[0]?.last;
      if (last === undefined) throw new AppError('not_found', 'account not found');
      const first = last - batch.length + 1;
      for (const [i, w] of batch.entries()) w.resolve(first + i);
    } catch (err) {
      for (const w of batch) w.reject(err);
    } finally {
      this.running.delete(accountId);
      if (this.waiting.has(accountId)) void this.take(accountId);
    }
  }
}

const allocators = new WeakMap<Pool, DisplayIdAllocator>();

/** The allocator of this database (one per pool: tests run several servers in one process). */
export function displayIds(pool: Pool): DisplayIdAllocator {
  let allocator = allocators.get(pool);
  if (!allocator) {
    allocator = new DisplayIdAllocator(pool);
    allocators.set(pool, allocator);
  }
  return allocator;
}
