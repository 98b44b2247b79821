import { rm } from 'node:fs/promises';
import multipart from '@fastify/multipart';
import { zIdParams, zLiveRoom } from '@warmdesk/protocol';
import { uuidv7 } from '@warmdesk/protocol/uuid';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors.js';
import { agentOf } from '../../platform/http/policy.js';
import { agentRole, type RegisterRoutes } from '../../platform/http/routes.js';
import { detectRecordingType } from '../attachments/file-types.js';
import { formLimits } from '../attachments/read-form.js';
import { attachmentFiles, commitFile, receiveFile, removeFiles } from '../attachments/storage.js';
import { roomChanged } from './events.js';
import { findRoom } from './queries.js';
import { managedRoom, staffView } from './room-view.js';

/**
 * The host browser's recording (MediaRecorder WebM) for the room's replay: multipart/form-data with the file in
 * a part named `file`, at most WARMDESK_CALL_RECORDING_MAX_BYTES. Stored like attachments (`uploads/<account>/<id>`);
 * a new upload replaces the previous one.
 */
export const recordingRoutes: RegisterRoutes = (app, ctx) => {
  app.register(async (plugin) => {
    const maxBytes = ctx.config.callRecordingMaxBytes;
    await plugin.register(multipart, { limits: formLimits(maxBytes) });
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.addHook('onError', async (req, reply) => {
      if (!req.raw.complete) reply.header('connection', 'close');
    });
    scope.post(
      '/api/v1/live/rooms/:id/recording',
      {
        config: { policy: agentRole },
        schema: {
          tags: ['live'],
          params: zIdParams,
          consumes: ['multipart/form-data'],
          description: 'multipart/form-data, `file`: the WebM recording; the room needs `recording: true`.',
          response: { 200: zLiveRoom },
        },
      },
      async (req) => {
        const agent = agentOf(req);
        const room = await managedRoom(ctx, agent, req.params.id);
        if (!room.recording) throw new AppError('forbidden', 'recording is off for this room');
        if (room.state === 'scheduled') throw new AppError('conflict', 'the room has not started');
        if (!req.isMultipart())
          throw new AppError('validation_failed', 'send multipart/form-data with a part named "file"');
        const part = await req.file();
        if (!part) throw new AppError('validation_failed', 'a file part named "file" is required');
        const id = uuidv7();
        const files = attachmentFiles(ctx.config, room.account_id, id);
        const received = await receiveFile(part.file, files, {
          maxBytes,
          inspect: (head) => detectRecordingType(part.filename || 'live.webm', head, part.mimetype),
        });
        await commitFile(files);
        try {
          await ctx.db.pool.query(
            `UPDATE live_rooms SET replay_file_id = $3, replay_content_type = $4, replay_byte_size = $5, updated_at = now()
              WHERE account_id = $1 AND id = $2`,
            [room.account_id, room.id, id, received.inspected.contentType, received.byteSize],
          );
        } catch (err) {
          await removeFiles(files);
          throw err;
        }
        if (room.replay_file_id) {
          await rm(attachmentFiles(ctx.config, room.account_id, room.replay_file_id).final, { force: true });
        }
        ctx.bus.publish([roomChanged(room.account_id, room.id)]);
        const updated = await findRoom(ctx.db.pool, room.account_id, room.id);
        if (!updated) throw new AppError('not_found', 'live room not found');
        return staffView(ctx, updated);
      },
    );
  });
};
