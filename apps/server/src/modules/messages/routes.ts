import { zIdParams, zMarkReadBody, zMessage, zMessagePage, zMessagesQuery, zSendMessageBody } from '@warmdesk/protocol';
import { z } from 'zod';
import { agentOf } from '../../platform/http/policy.js';
import { agentRole, type RegisterRoutes } from '../../platform/http/routes.js';
import { getConversation } from '../conversations/queries.js';
import { markRead } from './mark-read.js';
import { messagePage } from './queries.js';
import { sendMessage } from './send-message.js';

const tags = ['messages'];

export const messageRoutes: RegisterRoutes = (app, ctx) => {
  app.get(
    '/api/v1/conversations/:id/messages',
    {
      config: { policy: agentRole },
      schema: { tags, params: zIdParams, querystring: zMessagesQuery, response: { 200: zMessagePage } },
    },
    async (req) => {
      const agent = agentOf(req);
      await getConversation(ctx.db.pool, agent.accountId, req.params.id);
      return messagePage(ctx.db.pool, {
        accountId: agent.accountId,
        conversationId: req.params.id,
        afterSeq: req.query.afterSeq,
        limit: req.query.limit,
        includePrivate: true,
      });
    },
  );

  app.post(
    '/api/v1/conversations/:id/messages',
    {
      config: { policy: agentRole },
      schema: { tags, params: zIdParams, body: zSendMessageBody, response: { 201: zMessage } },
    },
    async (req, reply) => {
      const agent = agentOf(req);
      const message = await sendMessage(ctx, {
        accountId: agent.accountId,
        conversationId: req.params.id,
        senderType: 'user',
        senderId: agent.userId,
        senderName: agent.name,
        clientMsgId: req.body.clientMsgId ?? null,
        kind: req.body.private ? 'note' : 'text',
        content: req.body.content,
        private: req.body.private,
        mentions: req.body.mentions,
      });
      return reply.code(201).send(message);
    },
  );

  app.post(
    '/api/v1/conversations/:id/read',
    {
      config: { policy: agentRole },
      schema: { tags, params: zIdParams, body: zMarkReadBody, response: { 204: z.null() } },
    },
    async (req, reply) => {
      const agent = agentOf(req);
      await markRead(ctx, {
        accountId: agent.accountId,
        conversationId: req.params.id,
        readerType: 'user',
        readerId: agent.userId,
        seq: req.body.seq,
      });
      return reply.code(204).send(null);
    },
  );
};
