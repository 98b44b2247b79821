import {
  zAssignBody,
  zConversation,
  zIdParams,
  zQueueList,
  zQueueQuery,
  zRoutingAgent,
  zRoutingReport,
  zRoutingReportQuery,
} from '@warmdesk/protocol';
import { z } from 'zod';
import { agentOf } from '../../platform/http/policy.js';
import { agentRole, type RegisterRoutes, supervisorRole } from '../../platform/http/routes.js';
import { presentConversation } from '../conversations/presenter.js';
import { WaitEstimator } from './estimate.js';
import { pickConversation } from './pick-conversation.js';
import { estimateWaitSeconds } from './policies.js';
import { listQueue, listRoutingAgents, routingReport } from './queries.js';
import { RoutingSettingsCache } from './settings.js';

const tags = ['routing'];
const DAY_MS = 24 * 3600 * 1000;

/** The queue as agents see it, taking from it, and what routing knows of agents and its own decisions. */
export const routingRoutes: RegisterRoutes = (app, ctx) => {
  const settings = new RoutingSettingsCache(ctx.db.pool);
  const estimator = new WaitEstimator(ctx.db.pool);

  app.get(
    '/api/v1/queue',
    { config: { policy: agentRole }, schema: { tags, querystring: zQueueQuery, response: { 200: zQueueList } } },
    async (req) => {
      const agent = agentOf(req);
      const items = await listQueue(ctx.db.pool, agent.accountId, req.query.inboxId);
      const inboxId = req.query.inboxId ?? items[0]?.inboxId;
      const inbox = inboxId ? await settings.get(inboxId) : undefined;
      const waiting = items.filter((i) => i.position !== null && i.inboxId === inboxId).length;
      const basis = inbox && inbox.accountId === agent.accountId ? await estimator.basis(inbox) : undefined;
      const eta = basis && waiting > 0 ? estimateWaitSeconds(waiting, basis.handleSeconds, basis.slots) : null;
      return { items, estimatedWaitSeconds: eta };
    },
  );

  app.post(
    '/api/v1/queue/:id/pick',
    { config: { policy: agentRole }, schema: { tags, params: zIdParams, response: { 200: zConversation } } },
    async (req) => {
      const agent = agentOf(req);
      return presentConversation(await pickConversation(ctx, agent, req.params.id, agent.userId));
    },
  );

  app.post(
    '/api/v1/queue/:id/assign',
    {
      config: { policy: supervisorRole },
      schema: { tags, params: zIdParams, body: zAssignBody, response: { 200: zConversation } },
    },
    async (req) => {
      const agent = agentOf(req);
      const to = req.body.userId ?? agent.userId;
      return presentConversation(await pickConversation(ctx, agent, req.params.id, to));
    },
  );

  app.get(
    '/api/v1/routing/agents',
    {
      config: { policy: agentRole },
      schema: { tags, response: { 200: z.object({ items: z.array(zRoutingAgent) }) } },
    },
    async (req) => ({ items: await listRoutingAgents(ctx.db.pool, agentOf(req).accountId) }),
  );

  app.get(
    '/api/v1/reports/routing',
    {
      config: { policy: supervisorRole },
      schema: { tags: ['reports'], querystring: zRoutingReportQuery, response: { 200: zRoutingReport } },
    },
    async (req) => {
      const to = req.query.to ? new Date(req.query.to) : new Date();
      const from = req.query.from ? new Date(req.query.from) : new Date(to.getTime() - DAY_MS);
      return routingReport(ctx.db.pool, agentOf(req).accountId, { from, to, inboxId: req.query.inboxId });
    },
  );
};
