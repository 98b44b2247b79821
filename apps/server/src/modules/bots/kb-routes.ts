import {
  zBotDictionary,
  zIdParams,
  zKbEntry,
  zKbEntryBody,
  zKbEntryPatch,
  zKbList,
  zKbListQuery,
  zKbTestBody,
  zKbTestResult,
  zUnansweredList,
  zUnansweredQuery,
  zUnansweredResolveBody,
  zUnansweredResolveResult,
} from '@warmdesk/protocol';
import { z } from 'zod';
import { agentOf } from '../../platform/http/policy.js';
import { agentRole, type RegisterRoutes, supervisorRole } from '../../platform/http/routes.js';
import { replaceDictionary } from './dictionary.js';
import { readDictionary } from './kb-version.js';
import { presentKbEntry } from './presenter.js';
import { getKbEntry, listKbEntries } from './queries.js';
import { testMessage } from './test-console.js';
import { listUnanswered, resolveUnanswered } from './unanswered.js';
import { createKbEntry, deleteKbEntry, updateKbEntry } from './write-kb-entry.js';

const tags = ['knowledge base'];

/** The knowledge base: every agent reads it and tries the test console; supervisors and admins keep it. */
export const kbRoutes: RegisterRoutes = (app, ctx) => {
  app.get(
    '/api/v1/kb/entries',
    { config: { policy: agentRole }, schema: { tags, querystring: zKbListQuery, response: { 200: zKbList } } },
    async (req) => {
      const { rows, total } = await listKbEntries(ctx.db.pool, agentOf(req).accountId, req.query);
      return { entries: rows.map(presentKbEntry), total };
    },
  );

  app.post(
    '/api/v1/kb/entries',
    { config: { policy: supervisorRole }, schema: { tags, body: zKbEntryBody, response: { 201: zKbEntry } } },
    async (req, reply) => reply.code(201).send(presentKbEntry(await createKbEntry(ctx, agentOf(req), req.body))),
  );

  app.get(
    '/api/v1/kb/entries/:id',
    { config: { policy: agentRole }, schema: { tags, params: zIdParams, response: { 200: zKbEntry } } },
    async (req) => presentKbEntry(await getKbEntry(ctx.db.pool, agentOf(req).accountId, req.params.id)),
  );

  app.patch(
    '/api/v1/kb/entries/:id',
    {
      config: { policy: supervisorRole },
      schema: { tags, params: zIdParams, body: zKbEntryPatch, response: { 200: zKbEntry } },
    },
    async (req) => presentKbEntry(await updateKbEntry(ctx, agentOf(req), req.params.id, req.body)),
  );

  app.delete(
    '/api/v1/kb/entries/:id',
    { config: { policy: supervisorRole }, schema: { tags, params: zIdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await deleteKbEntry(ctx, agentOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/kb/test',
    {
      config: { policy: agentRole },
      schema: { tags, body: zKbTestBody, response: { 200: zKbTestResult } },
    },
    async (req) => testMessage(ctx, agentOf(req).accountId, req.body.text),
  );

  app.get(
    '/api/v1/kb/unanswered',
    {
      config: { policy: agentRole },
      schema: { tags, querystring: zUnansweredQuery, response: { 200: zUnansweredList } },
    },
    async (req) => listUnanswered(ctx, agentOf(req).accountId, req.query.days),
  );

  app.post(
    '/api/v1/kb/unanswered/resolve',
    {
      config: { policy: supervisorRole },
      schema: { tags, body: zUnansweredResolveBody, response: { 200: zUnansweredResolveResult } },
    },
    async (req) => resolveUnanswered(ctx, agentOf(req), req.body),
  );

  app.get(
    '/api/v1/kb/dictionary',
    { config: { policy: agentRole }, schema: { tags, response: { 200: zBotDictionary } } },
    async (req) => ({ words: await readDictionary(ctx.db.pool, agentOf(req).accountId) }),
  );

  app.put(
    '/api/v1/kb/dictionary',
    {
      config: { policy: supervisorRole },
      schema: { tags, body: zBotDictionary, response: { 200: zBotDictionary } },
    },
    async (req) => ({ words: await replaceDictionary(ctx, agentOf(req), req.body.words) }),
  );
};
