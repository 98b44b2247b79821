import { zCreateInboxBody, zIdParams, zInbox, zUpdateInboxBody } from '@warmdesk/protocol';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { agentOf } from '../../platform/http/policy.js';
import { adminRole, agentRole, type RegisterRoutes } from '../../platform/http/routes.js';
import { recordAudit } from '../audit/record-audit.js';
import { forgetWidgetInboxes } from '../widget/settings.js';
import { createInbox } from './create-inbox.js';
import { INBOX_COLUMNS, type InboxRow, presentInbox } from './presenter.js';
import { inboxSecretRoutes } from './secret-routes.js';

const tags = ['inboxes'];

export const inboxRoutes: RegisterRoutes = (app, ctx) => {
  inboxSecretRoutes(app, ctx);
  app.get(
    '/api/v1/inboxes',
    { config: { policy: agentRole }, schema: { tags, response: { 200: z.object({ items: z.array(zInbox) }) } } },
    async (req) => {
      const { rows } = await ctx.db.pool.query<InboxRow>(
        `SELECT ${INBOX_COLUMNS} FROM inboxes WHERE account_id = $1 ORDER BY created_at`,
        [agentOf(req).accountId],
      );
      return { items: rows.map(presentInbox) };
    },
  );

  app.get(
    '/api/v1/inboxes/:id',
    { config: { policy: agentRole }, schema: { tags, params: zIdParams, response: { 200: zInbox } } },
    async (req) => {
      const { rows } = await ctx.db.pool.query<InboxRow>(
        `SELECT ${INBOX_COLUMNS} FROM inboxes WHERE account_id = $1 AND id = $2`,
        [agentOf(req).accountId, req.params.id],
      );
      if (!rows[0]) throw new AppError('not_found', 'inbox not found');
      return presentInbox(rows[0]);
    },
  );

  app.post(
    '/api/v1/inboxes',
    { config: { policy: adminRole }, schema: { tags, body: zCreateInboxBody, response: { 201: zInbox } } },
    async (req, reply) => {
      const admin = agentOf(req);
      const row = await createInbox(ctx.db.pool, { accountId: admin.accountId, ...req.body });
      await recordAudit(
        ctx.db.pool,
        admin,
        'inbox.created',
        { type: 'inbox', id: row.id },
        { name: row.name, type: row.type },
      );
      return reply.code(201).send(presentInbox(row));
    },
  );

  app.patch(
    '/api/v1/inboxes/:id',
    {
      config: { policy: adminRole },
      schema: { tags, params: zIdParams, body: zUpdateInboxBody, response: { 200: zInbox } },
    },
    async (req) => {
      const admin = agentOf(req);
      const { rows } = await ctx.db.pool.query<InboxRow>(
        `UPDATE inboxes SET name = COALESCE($3, name), config = COALESCE($4, config)
          WHERE account_id = $1 AND id = $2 RETURNING ${INBOX_COLUMNS}`,
        [admin.accountId, req.params.id, req.body.name ?? null, req.body.config ?? null],
      );
      if (!rows[0]) throw new AppError('not_found', 'inbox not found');
      forgetWidgetInboxes(ctx.db.pool);
      await recordAudit(ctx.db.pool, admin, 'inbox.updated', { type: 'inbox', id: req.params.id }, req.body);
      return presentInbox(rows[0]);
    },
  );
};
