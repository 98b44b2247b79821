import { zIdParams, zInvitation, zInviteUserBody } from '@warmdesk/protocol';
import type { FastifyRequest } from 'fastify';
import { agentOf } from '../../platform/http/policy.js';
import { adminRole, type RegisterRoutes } from '../../platform/http/routes.js';
import { inviteUser, reissueInvitation } from './invite-user.js';

const tags = ['users'];

/** Where the invitee opens the link: the configured public URL, else the address the admin reached us at. */
const originOf = (publicUrl: string | undefined, req: FastifyRequest) => publicUrl ?? `${req.protocol}://${req.host}`;

export const inviteRoutes: RegisterRoutes = (app, ctx) => {
  app.post(
    '/api/v1/users/invite',
    { config: { policy: adminRole }, schema: { tags, body: zInviteUserBody, response: { 201: zInvitation } } },
    async (req, reply) => {
      const invitation = await inviteUser(ctx, agentOf(req), req.body, originOf(ctx.config.publicUrl, req));
      return reply.code(201).send(invitation);
    },
  );

  app.post(
    '/api/v1/users/:id/invite',
    { config: { policy: adminRole }, schema: { tags, params: zIdParams, response: { 200: zInvitation } } },
    async (req) => reissueInvitation(ctx, agentOf(req), req.params.id, originOf(ctx.config.publicUrl, req)),
  );
};
