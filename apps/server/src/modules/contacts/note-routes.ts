import { zContactNote, zContactNoteParams, zCreateContactNoteBody, zIdParams } from '@warmdesk/protocol';
import { z } from 'zod';
import { agentOf } from '../../platform/http/policy.js';
import { agentRole, type RegisterRoutes } from '../../platform/http/routes.js';
import { addContactNote, deleteContactNote, listContactNotes } from './contact-notes.js';

const tags = ['contacts'];

/** Agents' notes about a contact, shown beside every conversation with them. */
export const contactNoteRoutes: RegisterRoutes = (app, ctx) => {
  app.get(
    '/api/v1/contacts/:id/notes',
    {
      config: { policy: agentRole },
      schema: { tags, params: zIdParams, response: { 200: z.object({ items: z.array(zContactNote) }) } },
    },
    async (req) => ({ items: await listContactNotes(ctx.db.pool, agentOf(req).accountId, req.params.id) }),
  );

  app.post(
    '/api/v1/contacts/:id/notes',
    {
      config: { policy: agentRole },
      schema: { tags, params: zIdParams, body: zCreateContactNoteBody, response: { 201: zContactNote } },
    },
    async (req, reply) =>
      reply.code(201).send(await addContactNote(ctx.db.pool, agentOf(req), req.params.id, req.body.content)),
  );

  app.delete(
    '/api/v1/contacts/:id/notes/:noteId',
    { config: { policy: agentRole }, schema: { tags, params: zContactNoteParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await deleteContactNote(ctx.db.pool, agentOf(req), req.params.id, req.params.noteId);
      return reply.code(204).send(null);
    },
  );
};
