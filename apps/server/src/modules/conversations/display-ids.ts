import type { Pool } from 'pg';
import { Batches, onePer } from '../../platform/batches.js';
import { AppError } from '../../platform/errors.js';

/**
 * Hands out each account's conversation numbers (#1, #2, ...). Every number passes through the account row, so
 * under a surge one UPDATE per new conversation made them queue on that row's lock, each behind the previous
 * one's commit. Here the requests that arrive while an UPDATE is running wait for the next one, which takes
 * all of their numbers at once: one statement per batch, numbers in the order they were asked for, no gaps.
 * A number taken but not used (the customer already had an open conversation) is given back and handed out
 * again, lowest first, before a new one is taken. Spares live in this process: one it holds when it stops is a gap.
 */
export class DisplayIdAllocator {
  private readonly batches: Batches<null, number>;
  private readonly spare = new Map<string, number[]>();

  constructor(pool: Pool) {
    this.batches = new Batches(async (accountId, asked) => {
      const { rows } = await pool.query<{ last: number }>(
        'UPDATE accounts SET last_display_id = last_display_id + $2 WHERE id = $1 RETURNING last_display_id AS last',
        [accountId, asked.length],
      );
      const last = rows[0]?.last;
      if (last === undefined) throw new AppError('not_found', 'account not found');
      return asked.map((_, i) => last - asked.length + 1 + i);
    });
  }

  next(accountId: string): Promise<number> {
    const spare = this.spare.get(accountId)?.shift();
    return spare === undefined ? this.batches.request(accountId, null) : Promise.resolve(spare);
  }

  giveBack(accountId: string, displayId: number): void {
    const spare = this.spare.get(accountId) ?? [];
    spare.push(displayId);
    spare.sort((a, b) => a - b);
    this.spare.set(accountId, spare);
  }
}

/** The allocator of this database (one per pool: tests run several servers in one process). */
export const displayIds = onePer((pool: Pool) => new DisplayIdAllocator(pool));
