import {
  zContact,
  zContactSearchQuery,
  zCreateContactBody,
  zIdParams,
  zMergeContactBody,
  zUpdateContactBody,
} from '@warmdesk/protocol';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { agentOf } from '../../platform/http/policy.js';
import { agentRole, type RegisterRoutes } from '../../platform/http/routes.js';
import { mergeContacts } from './merge-contacts.js';
import { contactNoteRoutes } from './note-routes.js';
import { presentContact } from './presenter.js';
import { getContact, searchContacts } from './queries.js';

const tags = ['contacts'];

export const contactRoutes: RegisterRoutes = (app, ctx) => {
  contactNoteRoutes(app, ctx);
  app.get(
    '/api/v1/contacts',
    {
      config: { policy: agentRole },
      schema: {
        tags,
        querystring: zContactSearchQuery,
        response: { 200: z.object({ items: z.array(zContact), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => {
      const page = await searchContacts(ctx.db.pool, agentOf(req).accountId, req.query);
      return { items: page.items.map(presentContact), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/v1/contacts',
    { config: { policy: agentRole }, schema: { tags, body: zCreateContactBody, response: { 201: zContact } } },
    async (req, reply) => {
      const agent = agentOf(req);
      const b = req.body;
      const { rows } = await ctx.db.pool.query<{ id: string }>(
        'INSERT INTO contacts (account_id, name, email, phone, attributes) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [agent.accountId, b.name ?? null, b.email ?? null, b.phone ?? null, b.attributes ?? {}],
      );
      return reply.code(201).send(presentContact(await getContact(ctx.db.pool, agent.accountId, rows[0]?.id ?? '')));
    },
  );

  app.get(
    '/api/v1/contacts/:id',
    { config: { policy: agentRole }, schema: { tags, params: zIdParams, response: { 200: zContact } } },
    async (req) => presentContact(await getContact(ctx.db.pool, agentOf(req).accountId, req.params.id)),
  );

  app.patch(
    '/api/v1/contacts/:id',
    {
      config: { policy: agentRole },
      schema: { tags, params: zIdParams, body: zUpdateContactBody, response: { 200: zContact } },
    },
    async (req) => {
      const agent = agentOf(req);
      const b = req.body;
      const { rowCount } = await ctx.db.pool.query(
        `UPDATE contacts SET
           name = CASE WHEN $3 THEN $4 ELSE name END,
           email = CASE WHEN $5 THEN $6 ELSE email END,
           phone = CASE WHEN $7 THEN $8 ELSE phone END,
           attributes = CASE WHEN $9 THEN attributes || $10::jsonb ELSE attributes END,
           updated_at = now()
         WHERE account_id = $1 AND id = $2`,
        [
          agent.accountId,
          req.params.id,
          'name' in b,
          b.name ?? null,
          'email' in b,
          b.email ?? null,
          'phone' in b,
          b.phone ?? null,
          'attributes' in b,
          b.attributes ?? {},
        ],
      );
      if (!rowCount) throw new AppError('not_found', 'contact not found');
      return presentContact(await getContact(ctx.db.pool, agent.accountId, req.params.id));
    },
  );

  app.post(
    '/api/v1/contacts/:id/merge',
    {
      config: { policy: agentRole },
      schema: { tags, params: zIdParams, body: zMergeContactBody, response: { 200: zContact } },
    },
    async (req) => presentContact(await mergeContacts(ctx, agentOf(req), req.params.id, req.body.sourceContactId)),
  );
};
