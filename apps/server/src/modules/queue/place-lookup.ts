import type { Pool } from 'pg';
import { Batches, onePer } from '../../platform/batches.js';
import { QUEUE_ORDER, WAITING } from '../routing/queue-sql.js';
import { OFFLINE_LABEL } from '../widget/leave-message.js';

/** A conversation as its place in the queue is computed from; `position` null when it is not waiting. */
export type PlaceRow = {
  id: string;
  contact_id: string;
  in_queue: boolean;
  deferred_until: Date | null;
  left_message: boolean;
  position: number | null;
  waiting: number;
};

/**
 * Places in one inbox's queue, several conversations per pass. Counting a place reads the whole queue, and in a
 * surge the queue holds thousands while every arrival asks for its place: lookups asked while one runs are
 * answered together by the next, so the queue is read once per round trip instead of once per arrival.
 */
class PlaceLookup {
  private readonly batches = new Batches<string, PlaceRow | undefined>(async (_key, ids) => {
    const byId = new Map((await this.read([...new Set(ids)])).map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id));
  });

  constructor(
    private readonly pool: Pool,
    private readonly inboxId: string,
    private readonly vipFirst: boolean,
  ) {}

  get(conversationId: string): Promise<PlaceRow | undefined> {
    return this.batches.request('', conversationId);
  }

  private async read(ids: string[]): Promise<PlaceRow[]> {
    const { rows } = await this.pool.query<PlaceRow>(
      `WITH q AS (
         SELECT c.id, row_number() OVER (ORDER BY ${QUEUE_ORDER('c', this.vipFirst)})::int AS position
           FROM conversations c WHERE c.inbox_id = $1 AND ${WAITING('c')})
       SELECT me.id, me.contact_id, (${WAITING('me')}) AS in_queue, me.deferred_until,
              ($3 = ANY(me.labels) OR me.callback_phone IS NOT NULL) AS left_message, q.position,
              (SELECT count(*) FROM q)::int AS waiting
         FROM conversations me LEFT JOIN q ON q.id = me.id
        WHERE me.inbox_id = $1 AND me.id = ANY($2::uuid[])`,
      [this.inboxId, ids, OFFLINE_LABEL],
    );
    return rows;
  }
}

const lookups = onePer((_pool: Pool) => new Map<string, PlaceLookup>());

/** The conversation's place in the inbox's queue, read together with other lookups of the inbox under way. */
export function lookUpPlace(
  pool: Pool,
  inbox: { id: string; vipFirst: boolean },
  conversationId: string,
): Promise<PlaceRow | undefined> {
  const byInbox = lookups(pool);
  const key = `${inbox.id}:${inbox.vipFirst}`;
  let lookup = byInbox.get(key);
  if (!lookup) {
    lookup = new PlaceLookup(pool, inbox.id, inbox.vipFirst);
    byInbox.set(key, lookup);
  }
  return lookup.get(conversationId);
}
