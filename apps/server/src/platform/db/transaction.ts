import type { PoolClient } from 'pg';
import type { DomainEvent, EventBus } from '../events.js';
import type { Db } from './pool.js';

export type Tx = {
  client: PoolClient;
  /** Record an event in this transaction; it is published only if the transaction commits. */
  emit: (event: DomainEvent) => Promise<void>;
  /** Several events in one statement (a batch command's round trips stay constant). */
  emitAll: (events: readonly DomainEvent[]) => Promise<void>;
  /** Publish an event whose outbox row a statement already wrote, once this transaction commits. */
  publishAfterCommit: (event: DomainEvent) => void;
};

const INSERT_EVENT = 'INSERT INTO events (account_id, type, payload) VALUES ($1, $2, $3) RETURNING id';
const INSERT_EVENTS = `INSERT INTO events (account_id, type, payload)
  SELECT a, t, p::jsonb FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS e(a, t, p, n) ORDER BY n
  RETURNING id`;

/** Runs `fn` in one transaction; its events go to the outbox table and, after commit, to the bus. */
export async function inTransaction<T>(db: Db, bus: EventBus, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await db.pool.connect();
  const pending: DomainEvent[] = [];
  try {
    await client.query('BEGIN');
    const tx: Tx = {
      client,
      emit: async (event) => {
        const { rows } = await client.query<{ id: number }>(INSERT_EVENT, [event.accountId, event.type, event.payload]);
        pending.push({ ...event, id: rows[0]?.id });
      },
      emitAll: async (events) => {
        if (events.length === 0) return;
        const { rows } = await client.query<{ id: number }>(INSERT_EVENTS, [
          events.map((e) => e.accountId),
          events.map((e) => e.type),
          events.map((e) => JSON.stringify(e.payload)),
        ]);
        events.forEach((event, i) => {
          pending.push({ ...event, id: rows[i]?.id });
        });
      },
      publishAfterCommit: (event) => {
        pending.push(event);
      },
    };
    const result = await fn(tx);
    await client.query('COMMIT');
    bus.publish(pending);
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
