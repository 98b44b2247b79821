import type { LiveNow } from '@warmdesk/protocol';
import type { AppContext } from '../../platform/context.js';
import { shareUrlOf } from './presenter.js';
import { liveRoomsOfInbox } from './queries.js';

/** The inbox's rooms that are live now, for the widget's banner. */
export async function liveNowOfInbox(ctx: AppContext, accountId: string, inboxId: string): Promise<LiveNow[]> {
  const rows = await liveRoomsOfInbox(ctx.db.pool, accountId, inboxId);
  return rows.map((r) => ({ id: r.id, slug: r.slug, title: r.title, url: shareUrlOf(r, ctx.config.publicUrl) }));
}
