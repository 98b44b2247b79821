import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness.js';
import { type Db, openDb } from '../../platform/db/pool.js';
import { DisplayIdAllocator } from './display-ids.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = openDb(database.url, 10);
});
afterAll(async () => {
  await db.close();
  await database.drop();
});

async function newAccount(): Promise<string> {
  const { rows } = await db.pool.query<{ id: string }>("INSERT INTO accounts (name) VALUES ('Numbers') RETURNING id");
  const id = rows[0]?.id;
  if (!id) throw new Error('no account');
  return id;
}

describe('conversation display ids', () => {
  it('many asked at once get consecutive numbers in the order asked, in fewer statements', async () => {
    const account = await newAccount();
    let updates = 0;
    const counting = new Proxy(db.pool, {
      get(target, key, receiver) {
        if (key === 'query') {
          return (...args: Parameters<typeof target.query>) => {
            updates++;
            return target.query(...args);
          };
        }
        return Reflect.get(target, key, receiver);
      },
    });
    const allocator = new DisplayIdAllocator(counting);
    const ids = await Promise.all(Array.from({ length: 200 }, () => allocator.next(account)));
    expect(ids).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(updates).toBeLessThan(10);
    const { rows } = await db.pool.query('SELECT last_display_id FROM accounts WHERE id = $1', [account]);
    expect(rows[0]?.last_display_id).toBe(200);
    // One at a time still works, and the account's numbers go on where they stopped.
    expect(await allocator.next(account)).toBe(201);
  });

  it('two processes (two allocators) never hand out the same number; accounts count apart', async () => {
    const [a, b] = [await newAccount(), await newAccount()];
    const first = new DisplayIdAllocator(db.pool);
    const second = new DisplayIdAllocator(db.pool);
    const ids = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 ? first : second).next(i % 3 ? a : b).then((id) => `${i % 3 ? 'a' : 'b'}${id}`),
      ),
    );
    expect(new Set(ids).size).toBe(100);
    expect(ids.filter((id) => id.startsWith('b')).length).toBe(34);
    expect(ids).toContain('b34');
    expect(ids).toContain('a66');
  });

  it('an unknown account is refused for every waiter, and the allocator keeps working', async () => {
    const allocator = new DisplayIdAllocator(db.pool);
    const missing = '00000000-0000-4000-8000-000000000000';
    const results = await Promise.allSettled([allocator.next(missing), allocator.next(missing)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await allocator.next(await newAccount())).toBe(1);
  });

  it('a number given back (not used) is handed out again, lowest first, before new ones', async () => {
    const account = await newAccount();
    const allocator = new DisplayIdAllocator(db.pool);
    const [one, two, three] = await Promise.all([
      allocator.next(account),
      allocator.next(account),
      allocator.next(account),
    ]);
    expect([one, two, three]).toEqual([1, 2, 3]);
    allocator.giveBack(account, 3);
    allocator.giveBack(account, 1);
    expect(await allocator.next(account)).toBe(1);
    expect(await allocator.next(account)).toBe(3);
    expect(await allocator.next(account)).toBe(4);
  });
});
