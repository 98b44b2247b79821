import {
  zCannedResponse,
  zCannedResponseQuery,
  zCreateCannedResponseBody,
  zIdParams,
  zUpdateCannedResponseBody,
} from '@warmdesk/protocol';
import { z } from 'zod';
import { agentOf } from '../../platform/http/policy.js';
import { adminRole, agentRole, type RegisterRoutes } from '../../platform/http/routes.js';
import { presentCannedResponse } from './presenter.js';
import { searchCannedResponses } from './queries.js';
import { createCannedResponse, deleteCannedResponse, updateCannedResponse } from './write-canned-response.js';

const tags = ['canned-responses'];

/** Saved replies: every agent searches them from the composer; admins keep the list. */
export const cannedResponseRoutes: RegisterRoutes = (app, ctx) => {
  app.get(
    '/api/v1/canned-responses',
    {
      config: { policy: agentRole },
      schema: {
        tags,
        querystring: zCannedResponseQuery,
        response: { 200: z.object({ items: z.array(zCannedResponse) }) },
      },
    },
    async (req) => {
      const rows = await searchCannedResponses(ctx.db.pool, agentOf(req).accountId, req.query.q);
      return { items: rows.map(presentCannedResponse) };
    },
  );

  app.post(
    '/api/v1/canned-responses',
    {
      config: { policy: adminRole },
      schema: { tags, body: zCreateCannedResponseBody, response: { 201: zCannedResponse } },
    },
    async (req, reply) => {
      const row = await createCannedResponse(ctx, agentOf(req), req.body);
      return reply.code(201).send(presentCannedResponse(row));
    },
  );

  app.patch(
    '/api/v1/canned-responses/:id',
    {
      config: { policy: adminRole },
      schema: { tags, params: zIdParams, body: zUpdateCannedResponseBody, response: { 200: zCannedResponse } },
    },
    async (req) => presentCannedResponse(await updateCannedResponse(ctx, agentOf(req), req.params.id, req.body)),
  );

  app.delete(
    '/api/v1/canned-responses/:id',
    { config: { policy: adminRole }, schema: { tags, params: zIdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await deleteCannedResponse(ctx, agentOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
};
