import multipart from '@fastify/multipart';
import { zIdParams, zMessage } from '@warmdesk/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors.js';
import { agentOrCustomer } from '../../platform/http/policy.js';
import { agentRole, type RegisterRoutes } from '../../platform/http/routes.js';
import { ConversationAccess } from '../conversations/access.js';
import { downloadHeaders, openDownload } from './download.js';
import { formLimits } from './read-form.js';
import { uploadAttachment } from './upload-attachment.js';

const uploadSchema = (tag: string) => ({
  tags: [tag],
  params: zIdParams,
  consumes: ['multipart/form-data'],
  description:
    'multipart/form-data: `file` (one file), optional `clientMsgId` (uuid; send it before the file) and `caption`. ' +
    'Agents, before the file: `private` ("true": a private note), `purpose` (`call_snapshot` | `call_recording`) ' +
    'with `callId`. See docs/api.md, Attachments.',
  response: { 201: zMessage },
});

/**
 * Uploads (customer widget and agents) and downloads. Multipart parsing is registered in this scope only, so
 * no other route accepts multipart bodies.
 */
export const attachmentRoutes: RegisterRoutes = (app, ctx) => {
  const access = new ConversationAccess(ctx.db.pool);

  app.register(async (plugin) => {
    // The largest file any upload may be (a call recording can be larger than other files); each upload's own
    // limit is checked while it streams in.
    const largest = Math.max(ctx.config.uploadMaxBytes, ctx.config.callRecordingMaxBytes);
    await plugin.register(multipart, { limits: formLimits(largest) });
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    // Refused before the whole request arrived (a limit, the type, the policy): answer and close the
    // connection rather than read the rest of a possibly huge body.
    scope.addHook('onError', async (req, reply) => {
      if (!req.raw.complete) reply.header('connection', 'close');
    });

    const upload = async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const principal = req.principal;
      if (!principal) throw new AppError('unauthorized', 'sign in first');
      // Before reading the body: a caller who may not write here uploads nothing.
      await access.assert(principal, req.params.id);
      if (!req.isMultipart()) {
        throw new AppError('validation_failed', 'send multipart/form-data with the file in a part named "file"');
      }
      const message = await uploadAttachment(ctx, {
        principal,
        conversationId: req.params.id,
        parts: req.parts(),
      });
      return reply.code(201).send(message);
    };

    scope.post(
      '/api/v1/widget/conversations/:id/attachments',
      { config: { policy: 'customer' }, schema: uploadSchema('widget (customer)') },
      upload,
    );
    scope.post(
      '/api/v1/conversations/:id/attachments',
      { config: { policy: agentRole }, schema: uploadSchema('messages') },
      upload,
    );

    scope.get(
      '/api/v1/attachments/:id',
      {
        config: { policy: agentOrCustomer },
        schema: { tags: ['attachments'], params: zIdParams, description: 'The file; agents or the customer.' },
      },
      async (req, reply) => {
        const principal = req.principal;
        if (!principal) throw new AppError('unauthorized', 'sign in first');
        const download = await openDownload(ctx, access, principal, req.params.id);
        return reply.headers(downloadHeaders(download)).send(download.stream);
      },
    );
  });
};
