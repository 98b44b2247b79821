import { zCreateLabelBody, zIdParams, zLabelDefinition, zUpdateLabelBody } from '@warmdesk/protocol';
import { z } from 'zod';
import { agentOf } from '../../platform/http/policy.js';
import { adminRole, agentRole, type RegisterRoutes } from '../../platform/http/routes.js';
import { deleteLabel } from './delete-label.js';
import { LABEL_COLUMNS, type LabelRow, presentLabel } from './presenter.js';
import { createLabel, updateLabel } from './write-label.js';

const tags = ['labels'];

/** The account's label catalogue (names and colours); conversations may also carry names not in it. */
export const labelRoutes: RegisterRoutes = (app, ctx) => {
  app.get(
    '/api/v1/labels',
    {
      config: { policy: agentRole },
      schema: { tags, response: { 200: z.object({ items: z.array(zLabelDefinition) }) } },
    },
    async (req) => {
      const { rows } = await ctx.db.pool.query<LabelRow>(
        `SELECT ${LABEL_COLUMNS} FROM labels WHERE account_id = $1 ORDER BY name`,
        [agentOf(req).accountId],
      );
      return { items: rows.map(presentLabel) };
    },
  );

  app.post(
    '/api/v1/labels',
    { config: { policy: adminRole }, schema: { tags, body: zCreateLabelBody, response: { 201: zLabelDefinition } } },
    async (req, reply) => reply.code(201).send(presentLabel(await createLabel(ctx, agentOf(req), req.body))),
  );

  app.patch(
    '/api/v1/labels/:id',
    {
      config: { policy: adminRole },
      schema: { tags, params: zIdParams, body: zUpdateLabelBody, response: { 200: zLabelDefinition } },
    },
    async (req) => presentLabel(await updateLabel(ctx, agentOf(req), req.params.id, req.body)),
  );

  app.delete(
    '/api/v1/labels/:id',
    { config: { policy: adminRole }, schema: { tags, params: zIdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await deleteLabel(ctx, agentOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
};
