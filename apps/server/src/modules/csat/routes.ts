import {
  zCsat,
  zCsatBody,
  zCsatListQuery,
  zCsatPage,
  zCsatRecord,
  zIdParams,
  zTranscriptBody,
  zTranscriptSent,
} from '@warmdesk/protocol';
import { agentOf, customerOf } from '../../platform/http/policy.js';
import { agentRole, type RegisterRoutes, supervisorRole } from '../../platform/http/routes.js';
import { ConversationAccess } from '../conversations/access.js';
import { presentCsat, presentCsatRecord } from './presenter.js';
import { getRating, listRatings } from './queries.js';
import { rateConversation } from './rate-conversation.js';
import { sendTranscript } from './send-transcript.js';

/** Transcript emails per customer (contact and inbox) per minute. */
export const TRANSCRIPTS_PER_MINUTE = 3;

const customerTags = ['widget (customer)'];
const tags = ['csat'];

export const csatRoutes: RegisterRoutes = (app, ctx) => {
  const access = new ConversationAccess(ctx.db.pool);

  app.post(
    '/api/v1/widget/conversations/:id/rating',
    {
      config: { policy: 'customer' },
      schema: { tags: customerTags, params: zIdParams, body: zCsatBody, response: { 200: zCsat } },
    },
    async (req) => {
      const customer = customerOf(req);
      await access.assert(customer, req.params.id);
      return presentCsat(await rateConversation(ctx, customer, req.params.id, req.body));
    },
  );

  app.get(
    '/api/v1/widget/conversations/:id/rating',
    {
      config: { policy: 'customer' },
      schema: { tags: customerTags, params: zIdParams, response: { 200: zCsat } },
    },
    async (req) => {
      const customer = customerOf(req);
      await access.assert(customer, req.params.id);
      return presentCsat(await getRating(ctx.db.pool, customer.accountId, req.params.id));
    },
  );

  app.post(
    '/api/v1/widget/conversations/:id/transcript',
    {
      config: {
        policy: 'customer',
        // After the policy hook (preHandler), so the limit is per customer rather than per IP.
        rateLimit: {
          max: TRANSCRIPTS_PER_MINUTE,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (req) => {
            const customer = customerOf(req);
            return `transcript:${customer.contactId}:${customer.inboxId}`;
          },
        },
      },
      schema: {
        tags: customerTags,
        params: zIdParams,
        body: zTranscriptBody.optional(),
        response: { 202: zTranscriptSent },
      },
    },
    async (req, reply) => {
      const customer = customerOf(req);
      await access.assert(customer, req.params.id);
      await sendTranscript(ctx, customer, req.params.id, req.body?.email);
      return reply.code(202).send({ sent: true });
    },
  );

  app.get(
    '/api/v1/conversations/:id/rating',
    { config: { policy: agentRole }, schema: { tags, params: zIdParams, response: { 200: zCsatRecord } } },
    async (req) => {
      const agent = agentOf(req);
      await access.assert(agent, req.params.id);
      return presentCsatRecord(await getRating(ctx.db.pool, agent.accountId, req.params.id));
    },
  );

  app.get(
    '/api/v1/csat',
    { config: { policy: supervisorRole }, schema: { tags, querystring: zCsatListQuery, response: { 200: zCsatPage } } },
    async (req) => {
      const page = await listRatings(ctx.db.pool, agentOf(req).accountId, req.query);
      return { ...page, items: page.items.map(presentCsatRecord) };
    },
  );
};
