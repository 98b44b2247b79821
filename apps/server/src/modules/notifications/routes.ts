import { zMarkNotificationsReadBody, zNotificationPage } from '@warmdesk/protocol';
import { z } from 'zod';
import { agentOf } from '../../platform/http/policy.js';
import { agentRole, type RegisterRoutes } from '../../platform/http/routes.js';
import { markNotificationsRead } from './mark-notifications-read.js';
import { listNotifications } from './queries.js';

const tags = ['notifications'];

/** Each agent's own notifications (assigned to them, mentioned in a note); new ones also arrive on the socket. */
export const notificationRoutes: RegisterRoutes = (app, ctx) => {
  app.get(
    '/api/v1/notifications',
    { config: { policy: agentRole }, schema: { tags, response: { 200: zNotificationPage } } },
    async (req) => {
      const agent = agentOf(req);
      return listNotifications(ctx.db.pool, agent.accountId, agent.userId);
    },
  );

  app.post(
    '/api/v1/notifications/read',
    {
      config: { policy: agentRole },
      schema: { tags, body: zMarkNotificationsReadBody, response: { 204: z.null() } },
    },
    async (req, reply) => {
      const agent = agentOf(req);
      await markNotificationsRead(ctx.db.pool, {
        accountId: agent.accountId,
        userId: agent.userId,
        ids: 'ids' in req.body ? req.body.ids : 'all',
      });
      return reply.code(204).send(null);
    },
  );
};
