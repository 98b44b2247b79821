import { open } from 'node:fs/promises';
import { zLiveRoomPublic, zLiveSlugParams } from '@warmdesk/protocol';
import { AppError } from '../../platform/errors.js';
import type { RegisterRoutes } from '../../platform/http/routes.js';
import { attachmentFiles } from '../attachments/storage.js';
import { findRoomBySlug } from './queries.js';
import { publicView } from './room-view.js';

const tags = ['live (public)'];
const notFound = () => new AppError('not_found', 'live room not found');

/** `bytes=a-b` of a file of `size` bytes (one range; anything else: the whole file). */
function rangeOf(header: string | undefined, size: number): { start: number; end: number } | undefined {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header) : null;
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  const start = m[1] === '' ? Math.max(0, size - Number(m[2])) : Number(m[1]);
  const end = m[1] === '' || m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  return start <= end && start < size ? { start, end } : undefined;
}

/**
 * What anyone with a room's link may read: the room as viewers see it (no login; the slug is the secret) and its
 * replay once ended. Whether a viewer was removed is checked when they join.
 */
export const publicRoutes: RegisterRoutes = (app, ctx) => {
  app.get(
    '/api/v1/live/public/:slug',
    { config: { policy: 'public' }, schema: { tags, params: zLiveSlugParams, response: { 200: zLiveRoomPublic } } },
    async (req) => {
      const row = await findRoomBySlug(ctx.db.pool, req.params.slug);
      if (!row) throw notFound();
      return publicView(ctx, row);
    },
  );

  app.get(
    '/api/v1/live/public/:slug/replay',
    {
      config: { policy: 'public' },
      schema: {
        tags,
        params: zLiveSlugParams,
        description: "An ended room's recording (WebM); byte ranges supported.",
      },
    },
    async (req, reply) => {
      const row = await findRoomBySlug(ctx.db.pool, req.params.slug);
      if (row?.state !== 'ended' || !row.replay_file_id) throw notFound();
      const file = await open(attachmentFiles(ctx.config, row.account_id, row.replay_file_id).final, 'r').catch(() => {
        throw notFound();
      });
      const { size } = await file.stat();
      const range = rangeOf(req.headers.range, size);
      reply
        .type(row.replay_content_type ?? 'video/webm')
        .header('accept-ranges', 'bytes')
        .header('content-disposition', `inline; filename="live-${row.slug}.webm"`)
        .header('x-content-type-options', 'nosniff');
      if (range) {
        reply
          .code(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
          .header('content-length', range.end - range.start + 1);
        return reply.send(file.createReadStream({ start: range.start, end: range.end }));
      }
      reply.header('content-length', size);
      return reply.send(file.createReadStream());
    },
  );
};
