import { zCallList, zIceServers, zIdParams } from '@warmdesk/protocol';
import { agentOf, customerOf } from '../../platform/http/policy.js';
import { agentRole, type RegisterRoutes } from '../../platform/http/routes.js';
import { ConversationAccess } from '../conversations/access.js';
import { iceServersFor } from './ice-servers.js';
import { presentCall } from './presenter.js';
import { listCalls } from './queries.js';

/** ICE servers for both sides (TURN credentials per caller) and a conversation's calls. docs/api.md "Calls". */
export const callRoutes: RegisterRoutes = (app, ctx) => {
  const access = new ConversationAccess(ctx.db.pool);

  app.get(
    '/api/v1/calls/ice-servers',
    {
      config: { policy: agentRole },
      schema: {
        tags: ['calls'],
        description: "ICE servers for an agent's call; TURN credentials expire after `ttlSeconds`.",
        response: { 200: zIceServers },
      },
    },
    async (req) => iceServersFor(ctx.config, agentOf(req).userId),
  );

  app.get(
    '/api/v1/widget/calls/ice-servers',
    {
      config: { policy: 'customer' },
      schema: {
        tags: ['widget (customer)'],
        description: "ICE servers for a customer's call; TURN credentials expire after `ttlSeconds`.",
        response: { 200: zIceServers },
      },
    },
    async (req) => iceServersFor(ctx.config, customerOf(req).contactId),
  );

  app.get(
    '/api/v1/conversations/:id/calls',
    {
      config: { policy: agentRole },
      schema: {
        tags: ['calls'],
        params: zIdParams,
        description: "The conversation's calls, newest first.",
        response: { 200: zCallList },
      },
    },
    async (req) => {
      const agent = agentOf(req);
      await access.assert(agent, req.params.id);
      return { items: (await listCalls(ctx.db.pool, agent.accountId, req.params.id)).map(presentCall) };
    },
  );
};
