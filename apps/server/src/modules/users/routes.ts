import { zCreateUserBody, zIdParams, zUpdateUserBody, zUser } from '@warmdesk/protocol';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { agentOf } from '../../platform/http/policy.js';
import { adminRole, agentRole, type RegisterRoutes } from '../../platform/http/routes.js';
import { recordAudit } from '../audit/record-audit.js';
import { createUser } from './create-user.js';
import { inviteRoutes } from './invite-routes.js';
import { presentUser, USER_COLUMNS, type UserRow } from './presenter.js';
import { updateUser } from './update-user.js';

const tags = ['users'];

export const userRoutes: RegisterRoutes = (app, ctx) => {
  inviteRoutes(app, ctx);
  app.get(
    '/api/v1/users',
    { config: { policy: agentRole }, schema: { tags, response: { 200: z.object({ items: z.array(zUser) }) } } },
    async (req) => {
      const { rows } = await ctx.db.pool.query<UserRow>(
        `SELECT ${USER_COLUMNS} FROM users WHERE account_id = $1 ORDER BY name`,
        [agentOf(req).accountId],
      );
      return { items: rows.map(presentUser) };
    },
  );

  app.get(
    '/api/v1/users/:id',
    { config: { policy: agentRole }, schema: { tags, params: zIdParams, response: { 200: zUser } } },
    async (req) => {
      const { rows } = await ctx.db.pool.query<UserRow>(
        `SELECT ${USER_COLUMNS} FROM users WHERE account_id = $1 AND id = $2`,
        [agentOf(req).accountId, req.params.id],
      );
      if (!rows[0]) throw new AppError('not_found', 'user not found');
      return presentUser(rows[0]);
    },
  );

  app.post(
    '/api/v1/users',
    { config: { policy: adminRole }, schema: { tags, body: zCreateUserBody, response: { 201: zUser } } },
    async (req, reply) => {
      const admin = agentOf(req);
      const row = await createUser(ctx.db.pool, { accountId: admin.accountId, ...req.body });
      await recordAudit(
        ctx.db.pool,
        admin,
        'user.created',
        { type: 'user', id: row.id },
        { email: row.email, role: row.role },
      );
      return reply.code(201).send(presentUser(row));
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { policy: agentRole },
      schema: { tags, params: zIdParams, body: zUpdateUserBody, response: { 200: zUser } },
    },
    async (req) => presentUser(await updateUser(ctx, agentOf(req), req.params.id, req.body)),
  );
};
