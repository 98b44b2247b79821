import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness.js';
import { type Db, openDb } from './pool.js';
import { statementName, withStatementName } from './statement-names.js';

describe('statement names', () => {
  it('names a parametrised text from its second use on, and leaves the rest as they are', () => {
    const text = `SELECT $1::text AS t -- ${randomUUID()}`;
    expect(withStatementName([text, ['a']])).toEqual([text, ['a']]);
    const [second] = withStatementName([text, ['b']]) as [{ name: string; text: string; values: unknown[] }];
    expect(second).toMatchObject({ text, values: ['b'] });
    expect(second.name).toMatch(/^wd_/);
    const [third] = withStatementName([{ text, values: ['c'], rowMode: 'array' }]) as [{ name: string }];
    expect(third).toMatchObject({ name: second.name, rowMode: 'array' });

    const plain = `SELECT 1 -- ${randomUUID()}`;
    withStatementName([plain]);
    expect(withStatementName([plain])).toEqual([plain]);
    const mine = { name: 'mine', text, values: ['d'] };
    expect(withStatementName([mine])).toEqual([mine]);
  });
});

describe('statement names on a connection', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = openDb(database.url, 1);
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  const prepared = async (text: string) => {
    const { rows } = await db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1',
      [text],
    );
    return rows[0]?.n;
  };

  it('prepares a repeated statement once on the connection and keeps answering with new values', async () => {
    const text = `SELECT $1::int + 1 AS n -- ${randomUUID()}`;
    const results: number[] = [];
    for (const value of [1, 2]) results.push((await db.pool.query<{ n: number }>(text, [value])).rows[0]?.n ?? 0);
    expect(await prepared(text)).toBe(1);
    results.push((await db.pool.query<{ n: number }>(text, [3])).rows[0]?.n ?? 0);
    expect(results).toEqual([2, 3, 4]);
    expect(await prepared(text)).toBe(1);
  });

  it('recovers from a statement that fails to prepare', async () => {
    const broken = `SELECT $1::int FROM no_such_table -- ${randomUUID()}`;
    for (let i = 0; i < 3; i++) await expect(db.pool.query(broken, [1])).rejects.toThrow(/no_such_table/);
    expect((await db.pool.query<{ n: number }>('SELECT $1::int AS n', [7])).rows[0]?.n).toBe(7);
  });

  it('plans a prepared statement again when ANALYZE finds its table has grown', async () => {
    await db.pool.query('CREATE TABLE growing (id int, v text)');
    await db.pool.query('CREATE INDEX growing_id ON growing (id)');
    const text = 'SELECT v FROM growing WHERE id = ANY($1::int[])';
    const plan = async () => {
      const name = statementName(text);
      const { rows } = await db.pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE "${name}"('{4321}')`);
      return rows.map((r) => r['QUERY PLAN']).join(' ');
    };
    for (let i = 0; i < 2; i++) expect((await db.pool.query(text, [[1]])).rows).toEqual([]);
    const before = await plan();
    await db.pool.query(`INSERT INTO growing SELECT g, 'v' || g FROM generate_series(1, 20000) g`);
    await db.pool.query('ANALYZE growing');
    expect((await db.pool.query(text, [[4321]])).rows).toEqual([{ v: 'v4321' }]);
    // The cached plan was made for an empty table; its costs change once the statistics do.
    expect(await plan()).not.toEqual(before);
  });

  it('runs a statement unnamed once a migration changed the columns it returns', async () => {
    await db.pool.query('CREATE TABLE reshaped (id int PRIMARY KEY)');
    await db.pool.query('INSERT INTO reshaped VALUES (1)');
    const text = 'SELECT * FROM reshaped WHERE id = $1';
    const client = await db.pool.connect();
    try {
      for (let i = 0; i < 2; i++) expect((await client.query(text, [1])).rows).toEqual([{ id: 1 }]);
      await client.query('ALTER TABLE reshaped ADD COLUMN note text');
      // PostgreSQL refuses the prepared form now; the next call goes unnamed and sees the new column.
      await expect(client.query(text, [1])).rejects.toThrow(/result type/);
      expect((await client.query(text, [1])).rows).toEqual([{ id: 1, note: null }]);
    } finally {
      client.release();
    }
    expect((await db.pool.query(text, [1])).rows).toEqual([{ id: 1, note: null }]);
  });
});
