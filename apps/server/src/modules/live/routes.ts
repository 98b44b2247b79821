import {
  zIdParams,
  zLiveMessagePage,
  zLiveMessagesQuery,
  zLiveRoom,
  zLiveRoomCreateBody,
  zLiveRoomList,
  zLiveRoomUpdateBody,
  zLiveStats,
  zLiveViewerList,
} from '@warmdesk/protocol';
import type { FastifyRequest } from 'fastify';
import { agentOf } from '../../platform/http/policy.js';
import { agentRole, type RegisterRoutes } from '../../platform/http/routes.js';
import { cardRoutes } from './card-routes.js';
import { endRoom, startRoom } from './lifecycle.js';
import { presentLiveMessage } from './presenter.js';
import { publicRoutes } from './public-routes.js';
import { qrRoutes } from './qr-routes.js';
import { listRooms, roomMessages } from './queries.js';
import { recordingRoutes } from './recording-routes.js';
import { managedRoom, roomOfAgent, staffView, staffViews } from './room-view.js';
import { statsOf } from './stats.js';
import { listViewers } from './viewers.js';
import { createRoom, updateRoom } from './write-room.js';

export const tags = ['live'];
const policy = agentRole;
const originOf = (publicUrl: string | undefined, req: FastifyRequest) => publicUrl ?? `${req.protocol}://${req.host}`;

/**
 * Live rooms for agents (docs/api.md "Live rooms"). Every agent of the account sees its rooms; the host, co-hosts,
 * supervisors and admins change them. Another account's room is a 404.
 */
export const liveRoutes: RegisterRoutes = (app, ctx) => {
  cardRoutes(app, ctx);
  qrRoutes(app, ctx);
  recordingRoutes(app, ctx);
  publicRoutes(app, ctx);

  app.get(
    '/api/v1/live/rooms',
    {
      config: { policy },
      schema: { tags, description: "The account's rooms, newest first.", response: { 200: zLiveRoomList } },
    },
    async (req) => ({ items: await staffViews(ctx, await listRooms(ctx.db.pool, agentOf(req).accountId)) }),
  );

  app.post(
    '/api/v1/live/rooms',
    {
      config: { policy },
      schema: {
        tags,
        description: 'A new room, hosted by the caller.',
        body: zLiveRoomCreateBody,
        response: { 201: zLiveRoom },
      },
    },
    async (req, reply) => {
      const row = await createRoom(ctx, agentOf(req), req.body, originOf(ctx.config.publicUrl, req));
      return reply.code(201).send(await staffView(ctx, row));
    },
  );

  app.get(
    '/api/v1/live/rooms/:id',
    { config: { policy }, schema: { tags, params: zIdParams, response: { 200: zLiveRoom } } },
    async (req) => staffView(ctx, await roomOfAgent(ctx, agentOf(req), req.params.id)),
  );

  app.patch(
    '/api/v1/live/rooms/:id',
    {
      config: { policy },
      schema: { tags, params: zIdParams, body: zLiveRoomUpdateBody, response: { 200: zLiveRoom } },
    },
    async (req) => {
      const agent = agentOf(req);
      const row = await managedRoom(ctx, agent, req.params.id);
      return staffView(ctx, await updateRoom(ctx, agent, row, req.body));
    },
  );

  app.post(
    '/api/v1/live/rooms/:id/start',
    {
      config: { policy },
      schema: { tags, description: 'scheduled -> live.', params: zIdParams, response: { 200: zLiveRoom } },
    },
    async (req) => {
      const agent = agentOf(req);
      return staffView(ctx, await startRoom(ctx, agent, await managedRoom(ctx, agent, req.params.id)));
    },
  );

  app.post(
    '/api/v1/live/rooms/:id/end',
    {
      config: { policy },
      schema: {
        tags,
        description: 'live -> ended: the final stats are saved and the media closed.',
        params: zIdParams,
        response: { 200: zLiveRoom },
      },
    },
    async (req) => {
      const agent = agentOf(req);
      return staffView(ctx, await endRoom(ctx, agent, await managedRoom(ctx, agent, req.params.id)));
    },
  );

  app.get(
    '/api/v1/live/rooms/:id/stats',
    {
      config: { policy },
      schema: {
        tags,
        description: 'Now, or as saved when the room ended.',
        params: zIdParams,
        response: { 200: zLiveStats },
      },
    },
    async (req) => statsOf(ctx.db.pool, await roomOfAgent(ctx, agentOf(req), req.params.id)),
  );

  app.get(
    '/api/v1/live/rooms/:id/messages',
    {
      config: { policy },
      schema: { tags, params: zIdParams, querystring: zLiveMessagesQuery, response: { 200: zLiveMessagePage } },
    },
    async (req) => {
      const row = await roomOfAgent(ctx, agentOf(req), req.params.id);
      const page = await roomMessages(ctx.db.pool, row.id, { before: req.query.before, limit: req.query.limit });
      return { messages: page.messages.map(presentLiveMessage), hasMore: page.hasMore };
    },
  );

  app.get(
    '/api/v1/live/rooms/:id/viewers',
    {
      config: { policy },
      schema: {
        tags,
        description: 'Watching first, then by latest join.',
        params: zIdParams,
        response: { 200: zLiveViewerList },
      },
    },
    async (req) => {
      const row = await roomOfAgent(ctx, agentOf(req), req.params.id);
      return { items: await listViewers(ctx.db.pool, row.id) };
    },
  );
};
