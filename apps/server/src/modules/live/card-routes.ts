import { zIdParams, zLiveCard, zLiveCardBody, zLiveCardParams, zLiveCardUpdateBody } from '@warmdesk/protocol';
import { agentOf } from '../../platform/http/policy.js';
import { agentRole, type RegisterRoutes } from '../../platform/http/routes.js';
import { addCard, deleteCard, updateCard } from './cards.js';
import { presentCard } from './presenter.js';
import { managedRoom } from './room-view.js';

const tags = ['live'];

/** A room's product cards (pinning also over the socket, `live:pin`). */
export const cardRoutes: RegisterRoutes = (app, ctx) => {
  app.post(
    '/api/v1/live/rooms/:id/cards',
    {
      config: { policy: agentRole },
      schema: { tags, params: zIdParams, body: zLiveCardBody, response: { 201: zLiveCard } },
    },
    async (req, reply) => {
      const agent = agentOf(req);
      const card = await addCard(ctx, agent, await managedRoom(ctx, agent, req.params.id), req.body);
      return reply.code(201).send(presentCard(card));
    },
  );

  app.patch(
    '/api/v1/live/rooms/:id/cards/:cardId',
    {
      config: { policy: agentRole },
      schema: { tags, params: zLiveCardParams, body: zLiveCardUpdateBody, response: { 200: zLiveCard } },
    },
    async (req) => {
      const agent = agentOf(req);
      const room = await managedRoom(ctx, agent, req.params.id);
      return presentCard(await updateCard(ctx, agent, room, req.params.cardId, req.body));
    },
  );

  app.delete(
    '/api/v1/live/rooms/:id/cards/:cardId',
    { config: { policy: agentRole }, schema: { tags, params: zLiveCardParams } },
    async (req, reply) => {
      const agent = agentOf(req);
      await deleteCard(ctx, agent, await managedRoom(ctx, agent, req.params.id), req.params.cardId);
      return reply.code(204).send(null);
    },
  );
};
