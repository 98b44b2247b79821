import {
  CUSTOMER_SESSION_HEADER,
  zConversation,
  zCustomerSendBody,
  zIdParams,
  zMessage,
  zMessagePage,
  zMessagesQuery,
  zWidgetSession,
  zWidgetSessionBody,
} from '@warmdesk/protocol';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { customerOf } from '../../platform/http/policy.js';
import type { RegisterRoutes } from '../../platform/http/routes.js';
import { startConversation } from '../conversations/create-conversation.js';
import { type ConversationRow, presentConversation } from '../conversations/presenter.js';
import { CONVERSATION_SELECT } from '../conversations/queries.js';
import { messagePage } from '../messages/queries.js';
import { sendMessage } from '../messages/send-message.js';
import { widgetAgentRoutes } from './agent-routes.js';
import { createWidgetSession } from './create-session.js';
import { widgetCustomerRoutes } from './customer-routes.js';
import { assertOriginAllowed } from './request-origin.js';

const tags = ['widget (customer)'];

export const widgetRoutes: RegisterRoutes = (app, ctx) => {
  widgetCustomerRoutes(app, ctx);
  widgetAgentRoutes(app, ctx);
  app.post(
    '/api/v1/widget/sessions',
    {
      config: { policy: 'public', rateLimit: { max: ctx.config.widgetSessionsPerMinute, timeWindow: '1 minute' } },
      schema: { tags, body: zWidgetSessionBody, response: { 200: zWidgetSession } },
    },
    async (req) => {
      const header = req.headers[CUSTOMER_SESSION_HEADER];
      return createWidgetSession(ctx, req.body.inboxKey, typeof header === 'string' ? header : undefined, (settings) =>
        assertOriginAllowed(req, settings),
      );
    },
  );

  app.get(
    '/api/v1/widget/conversations',
    {
      config: { policy: 'customer' },
      schema: { tags, response: { 200: z.object({ items: z.array(zConversation) }) } },
    },
    async (req) => {
      const c = customerOf(req);
      const { rows } = await ctx.db.pool.query<ConversationRow>(
        `${CONVERSATION_SELECT} WHERE c.account_id = $1 AND c.contact_id = $2 AND c.inbox_id = $3
          ORDER BY c.created_at DESC LIMIT 100`,
        [c.accountId, c.contactId, c.inboxId],
      );
      return { items: rows.map((r) => presentConversation(r, 'customer')) };
    },
  );

  app.post(
    '/api/v1/widget/conversations',
    {
      config: { policy: 'customer' },
      schema: { tags, body: z.object({}).optional(), response: { 200: zConversation } },
    },
    async (req) => presentConversation(await startConversation(ctx, customerOf(req)), 'customer'),
  );

  app.get(
    '/api/v1/widget/conversations/:id/messages',
    {
      config: { policy: 'customer' },
      schema: { tags, params: zIdParams, querystring: zMessagesQuery, response: { 200: zMessagePage } },
    },
    async (req) => {
      const c = customerOf(req);
      const { rowCount } = await ctx.db.pool.query(
        'SELECT 1 FROM conversations WHERE account_id = $1 AND id = $2 AND contact_id = $3 AND inbox_id = $4',
        [c.accountId, req.params.id, c.contactId, c.inboxId],
      );
      if (!rowCount) throw new AppError('not_found', 'conversation not found');
      return messagePage(ctx.db.pool, {
        accountId: c.accountId,
        conversationId: req.params.id,
        afterSeq: req.query.afterSeq,
        limit: req.query.limit,
        includePrivate: false,
      });
    },
  );

  app.post(
    '/api/v1/widget/conversations/:id/messages',
    {
      config: { policy: 'customer' },
      schema: { tags, params: zIdParams, body: zCustomerSendBody, response: { 201: zMessage } },
    },
    async (req, reply) => {
      const c = customerOf(req);
      const message = await sendMessage(ctx, {
        accountId: c.accountId,
        conversationId: req.params.id,
        customerInboxId: c.inboxId,
        senderType: 'contact',
        senderId: c.contactId,
        senderName: null,
        clientMsgId: req.body.clientMsgId ?? null,
        kind: 'text',
        content: req.body.content,
        private: false,
      });
      return reply.code(201).send(message);
    },
  );
};
