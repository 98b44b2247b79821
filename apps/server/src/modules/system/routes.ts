import { PROTOCOL_VERSION } from '@warmdesk/protocol';
import { z } from 'zod';
import { isReachable } from '../../platform/db/pool.js';
import type { RegisterRoutes } from '../../platform/http/routes.js';

const tags = ['system'];

export const systemRoutes: RegisterRoutes = (app, ctx) => {
  app.get(
    '/healthz',
    {
      config: { policy: 'public', rateLimit: false },
      schema: { tags, response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { policy: 'public', rateLimit: false },
      schema: {
        tags,
        response: {
          200: z.object({ status: z.string(), database: z.string() }),
          503: z.object({ status: z.string(), database: z.string() }),
        },
      },
    },
    async (_req, reply) => {
      const ok = await isReachable(ctx.db.pool);
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not ready', database: ok ? 'up' : 'down' });
    },
  );

  app.get(
    '/metrics',
    { config: { policy: 'public', rateLimit: false }, schema: { hide: true } },
    async (_req, reply) => {
      reply.header('content-type', ctx.metrics.registry.contentType);
      return ctx.metrics.registry.metrics();
    },
  );

  app.get('/api/openapi.json', { config: { policy: 'public' }, schema: { hide: true } }, async () => app.swagger());

  app.get(
    '/api/v1/version',
    { config: { policy: 'public' }, schema: { tags, response: { 200: z.object({ protocol: z.string() }) } } },
    async () => ({ protocol: PROTOCOL_VERSION }),
  );
};
