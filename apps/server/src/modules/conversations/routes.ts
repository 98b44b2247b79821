import {
  zConversation,
  zConversationCounts,
  zConversationListItem,
  zConversationListPage,
  zConversationListQuery,
  zCreateConversationBody,
  zIdParams,
  zUpdateConversationBody,
} from '@warmdesk/protocol';
import { agentOf } from '../../platform/http/policy.js';
import { agentRole, type RegisterRoutes } from '../../platform/http/routes.js';
import { conversationCounts, forgetAccountCounts } from './counts.js';
import { createConversation } from './create-conversation.js';
import { onConversationChanged } from './events.js';
import { presentConversation, presentConversationListItem } from './presenter.js';
import { getConversationListRow, listConversations } from './queries.js';
import { updateConversation } from './update-conversation.js';

const tags = ['conversations'];

export const conversationRoutes: RegisterRoutes = (app, ctx) => {
  app.get(
    '/api/v1/conversations',
    {
      config: { policy: agentRole },
      schema: { tags, querystring: zConversationListQuery, response: { 200: zConversationListPage } },
    },
    async (req) => {
      const agent = agentOf(req);
      const page = await listConversations(ctx.db.pool, agent.accountId, agent.userId, req.query);
      return { items: page.items.map(presentConversationListItem), nextCursor: page.nextCursor };
    },
  );

  onConversationChanged(ctx.bus, ({ conversation }) => forgetAccountCounts(conversation.account_id));
  app.get(
    '/api/v1/conversations/counts',
    { config: { policy: agentRole }, schema: { tags, response: { 200: zConversationCounts } } },
    async (req) => {
      const agent = agentOf(req);
      return conversationCounts(ctx.db.pool, agent.accountId, agent.userId);
    },
  );

  app.post(
    '/api/v1/conversations',
    {
      config: { policy: agentRole },
      schema: { tags, body: zCreateConversationBody, response: { 201: zConversation } },
    },
    async (req, reply) => {
      const agent = agentOf(req);
      const row = await createConversation(ctx, { accountId: agent.accountId, ...req.body });
      return reply.code(201).send(presentConversation(row));
    },
  );

  app.get(
    '/api/v1/conversations/:id',
    { config: { policy: agentRole }, schema: { tags, params: zIdParams, response: { 200: zConversationListItem } } },
    async (req) => {
      const agent = agentOf(req);
      return presentConversationListItem(
        await getConversationListRow(ctx.db.pool, agent.accountId, agent.userId, req.params.id),
      );
    },
  );

  app.patch(
    '/api/v1/conversations/:id',
    {
      config: { policy: agentRole },
      schema: { tags, params: zIdParams, body: zUpdateConversationBody, response: { 200: zConversation } },
    },
    async (req) => presentConversation(await updateConversation(ctx, agentOf(req), req.params.id, req.body)),
  );
};
