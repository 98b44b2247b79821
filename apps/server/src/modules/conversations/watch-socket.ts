import { type WatchPayload, zWatchPayload } from '@warmdesk/protocol';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { handle } from '../../platform/realtime/handle.js';
import { type IoSocket, type Realtime, rooms } from '../../platform/realtime/types.js';

/** Rooms an agent asked to watch; every id is checked against the agent's account first. */
async function roomsFor(ctx: AppContext, accountId: string, payload: WatchPayload): Promise<string[]> {
  if ('all' in payload) return [rooms.accountMessages(accountId)];
  const ids = [...new Set(payload.conversationIds)];
  const { rows } = await ctx.db.pool.query<{ id: string }>(
    'SELECT id FROM conversations WHERE account_id = $1 AND id = ANY($2::uuid[])',
    [accountId, ids],
  );
  if (rows.length !== ids.length) throw new AppError('not_found', 'conversation not found');
  return ids.map(rooms.conversation);
}

/** `conversation:watch` / `conversation:unwatch` for agents (docs/protocol.md). */
export function watchSocket(rt: Realtime, ctx: AppContext): void {
  rt.agents.on('connection', (socket: IoSocket) => {
    const p = socket.data.principal;
    if (p.kind !== 'agent') return;
    socket.on(
      'conversation:watch',
      handle(ctx, socket, zWatchPayload, async (payload) => {
        const joined = await roomsFor(ctx, p.accountId, payload);
        socket.join(joined);
        return { watching: 'all' in payload ? ('all' as const) : joined.length };
      }),
    );
    socket.on(
      'conversation:unwatch',
      handle(ctx, socket, zWatchPayload, async (payload) => {
        const rooms = await roomsFor(ctx, p.accountId, payload);
        for (const room of rooms) socket.leave(room);
        return {};
      }),
    );
  });
}
