import type { LiveStats } from '@warmdesk/protocol';
import type { Pool, PoolClient } from 'pg';

type Db = Pool | PoolClient;

type Counts = {
  concurrent: number;
  peak: number;
  unique_viewers: number;
  average_watch_seconds: number | null;
  greet_median_ms: number | null;
  messages: number;
  questions: number;
  answered: number;
  private_conversations: number;
  card_clicks: number;
};

/**
 * A room's statistics, computed from the database (so every process agrees): viewers watching now (an open
 * socket on any process), the peak, unique viewers, average watch time (including the current watch), median join
 * to first greeting, viewer messages, questions, private conversations, viewers who clicked a card (once per card).
 */
export async function computeStats(db: Db, roomId: string): Promise<LiveStats> {
  const { rows } = await db.query<Counts>(
    `SELECT
       (SELECT count(*) FROM live_viewers WHERE room_id = $1 AND connections > 0 AND NOT removed)::int AS concurrent,
       (SELECT peak_viewers FROM live_rooms WHERE id = $1) AS peak,
       (SELECT count(*) FROM live_viewers WHERE room_id = $1)::int AS unique_viewers,
       (SELECT avg(watch_ms + CASE WHEN connections > 0
                                   THEN extract(epoch FROM now() - last_joined_at) * 1000 ELSE 0 END) / 1000
          FROM live_viewers WHERE room_id = $1)::float8 AS average_watch_seconds,
       (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY greet_delay_ms)
          FROM live_viewers WHERE room_id = $1 AND greet_delay_ms IS NOT NULL)::float8 AS greet_median_ms,
       (SELECT count(*) FROM live_messages WHERE room_id = $1 AND sender_type = 'viewer' AND NOT deleted)::int AS messages,
       (SELECT count(*) FROM live_messages WHERE room_id = $1 AND question AND NOT deleted)::int AS questions,
       (SELECT count(*) FROM live_messages WHERE room_id = $1 AND question AND answered AND NOT deleted)::int AS answered,
       (SELECT count(*) FROM live_private_chats WHERE room_id = $1)::int AS private_conversations,
       (SELECT count(*) FROM live_card_clicks WHERE room_id = $1)::int AS card_clicks`,
    [roomId],
  );
  const c = rows[0];
  const samples = await db.query<{ at: Date; viewers: number }>(
    'SELECT at, viewers FROM live_viewer_samples WHERE room_id = $1 ORDER BY at LIMIT 2000',
    [roomId],
  );
  return {
    roomId,
    concurrentViewers: c?.concurrent ?? 0,
    peakViewers: Math.max(c?.peak ?? 0, c?.concurrent ?? 0),
    uniqueViewers: c?.unique_viewers ?? 0,
    averageWatchSeconds: Math.round((c?.average_watch_seconds ?? 0) * 10) / 10,
    joinToGreetingMedianMs:
      c?.greet_median_ms === null || c?.greet_median_ms === undefined ? null : Math.round(c.greet_median_ms),
    messages: c?.messages ?? 0,
    questions: c?.questions ?? 0,
    questionsAnswered: c?.answered ?? 0,
    privateConversations: c?.private_conversations ?? 0,
    cardClicks: c?.card_clicks ?? 0,
    viewersOverTime: samples.rows.map((s) => ({ at: s.at.toISOString(), viewers: s.viewers })),
  };
}

/**
 * The peak follows concurrent viewers (kept by the stats tick and at the end, not on every join), and a sample of
 * them is taken unless one was in the last 10 s (any process may call this).
 */
export async function sampleViewers(db: Db, accountId: string, roomId: string, force = false): Promise<void> {
  await db.query(
    `UPDATE live_rooms SET peak_viewers = GREATEST(peak_viewers,
       (SELECT count(*) FROM live_viewers WHERE room_id = $1 AND connections > 0 AND NOT removed))
      WHERE id = $1`,
    [roomId],
  );
  await db.query(
    `INSERT INTO live_viewer_samples (account_id, room_id, viewers)
     SELECT $1, $2, (SELECT count(*) FROM live_viewers WHERE room_id = $2 AND connections > 0 AND NOT removed)
      WHERE $3 OR NOT EXISTS (SELECT 1 FROM live_viewer_samples WHERE room_id = $2 AND at > now() - interval '10 seconds')`,
    [accountId, roomId, force],
  );
}

/** The saved stats of an ended room, or the current ones. */
export async function statsOf(
  db: Db,
  room: { id: string; state: string; final_stats: Record<string, unknown> | null },
): Promise<LiveStats> {
  if (room.state === 'ended' && room.final_stats) return room.final_stats as LiveStats;
  return computeStats(db, room.id);
}
