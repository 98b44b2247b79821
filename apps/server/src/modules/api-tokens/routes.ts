import { type ApiToken, zApiToken, zCreateApiTokenBody, zCreatedApiToken, zIdParams } from '@warmdesk/protocol';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { agentOf } from '../../platform/http/policy.js';
import { adminRole, type RegisterRoutes } from '../../platform/http/routes.js';
import { recordAudit } from '../audit/record-audit.js';
import { createApiToken } from './create-api-token.js';

const tags = ['api-tokens'];
type Row = {
  id: string;
  name: string;
  scopes: ('read' | 'write')[];
  user_id: string;
  last_used_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
};

const present = (r: Row): ApiToken => ({
  id: r.id,
  name: r.name,
  scopes: r.scopes,
  userId: r.user_id,
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
});

export const apiTokenRoutes: RegisterRoutes = (app, ctx) => {
  app.get(
    '/api/v1/api-tokens',
    { config: { policy: adminRole }, schema: { tags, response: { 200: z.object({ items: z.array(zApiToken) }) } } },
    async (req) => {
      const { rows } = await ctx.db.pool.query<Row>(
        'SELECT * FROM api_tokens WHERE account_id = $1 ORDER BY created_at DESC',
        [agentOf(req).accountId],
      );
      return { items: rows.map(present) };
    },
  );

  app.post(
    '/api/v1/api-tokens',
    { config: { policy: adminRole }, schema: { tags, body: zCreateApiTokenBody, response: { 201: zCreatedApiToken } } },
    async (req, reply) => {
      const admin = agentOf(req);
      const created = await createApiToken(ctx.db.pool, {
        accountId: admin.accountId,
        userId: admin.userId,
        ...req.body,
      });
      await recordAudit(
        ctx.db.pool,
        admin,
        'api_token.created',
        { type: 'api_token', id: created.id },
        { name: created.name },
      );
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/v1/api-tokens/:id',
    { config: { policy: adminRole }, schema: { tags, params: zIdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      const admin = agentOf(req);
      const { rowCount } = await ctx.db.pool.query(
        'UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE account_id = $1 AND id = $2',
        [admin.accountId, req.params.id],
      );
      if (!rowCount) throw new AppError('not_found', 'API token not found');
      await recordAudit(ctx.db.pool, admin, 'api_token.revoked', { type: 'api_token', id: req.params.id });
      return reply.code(204).send(null);
    },
  );
};
