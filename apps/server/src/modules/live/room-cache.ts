import type { Pool } from 'pg';
import type { RoomRow } from './presenter.js';
import { findRoom } from './queries.js';

const TTL_MS = 1_000;
const MAX_ROOMS = 10_000;

/**
 * Rooms as viewers' events see them (a join, a chat line, a click: many per second in a big room), kept for a
 * second. A change committed in this process drops its entry at once; one from another process is seen within the
 * second (viewers get the change itself as `live:room` through the adapter anyway).
 */
export class RoomCache {
  private readonly rooms = new Map<string, { row: RoomRow; until: number }>();
  constructor(private readonly pool: Pool) {}

  async get(accountId: string, id: string): Promise<RoomRow | undefined> {
    const hit = this.rooms.get(id);
    if (hit && hit.until > Date.now() && hit.row.account_id === accountId) return hit.row;
    const row = await findRoom(this.pool, accountId, id);
    if (!row) return undefined;
    if (this.rooms.size >= MAX_ROOMS) this.rooms.clear();
    this.rooms.set(id, { row, until: Date.now() + TTL_MS });
    return row;
  }

  forget(id: string): void {
    this.rooms.delete(id);
  }
}
