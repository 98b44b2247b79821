import { SESSION_COOKIE, zAcceptInviteBody, zLoginBody, zSessionInfo } from '@warmdesk/protocol';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { agentOf } from '../../platform/http/policy.js';
import { agentRole, type RegisterRoutes } from '../../platform/http/routes.js';
import { acceptInvite } from './accept-invite.js';
import { login, logout, type OpenedSession, SESSION_DAYS } from './login.js';
import { sessionInfo } from './session-info.js';

const tags = ['auth'];

/** Sets the session cookie and answers what the workspace needs to start. */
function signedIn(ctx: AppContext, reply: FastifyReply, session: OpenedSession) {
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    signed: true,
    sameSite: 'strict',
    secure: ctx.config.secureCookies,
    path: '/',
    maxAge: SESSION_DAYS * 86_400,
  });
  return sessionInfo(ctx, session.userId, session.csrfToken);
}

export const authRoutes: RegisterRoutes = (app, ctx) => {
  const signInRateLimit = { max: ctx.config.loginsPerMinute, timeWindow: '1 minute' };

  app.post(
    '/api/v1/auth/login',
    {
      config: { policy: 'public', rateLimit: signInRateLimit },
      schema: { tags, body: zLoginBody, response: { 200: zSessionInfo } },
    },
    async (req, reply) => signedIn(ctx, reply, await login(ctx, req.body.email, req.body.password)),
  );

  app.post(
    '/api/v1/auth/accept-invite',
    {
      config: { policy: 'public', rateLimit: signInRateLimit },
      schema: { tags, body: zAcceptInviteBody, response: { 200: zSessionInfo } },
    },
    async (req, reply) => signedIn(ctx, reply, await acceptInvite(ctx, req.body.code, req.body.password)),
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { policy: agentRole }, schema: { tags, response: { 204: z.null() } } },
    async (req, reply) => {
      const agent = agentOf(req);
      if (agent.sessionId) await logout(ctx, agent.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    { config: { policy: agentRole }, schema: { tags, response: { 200: zSessionInfo } } },
    async (req) => {
      const agent = agentOf(req);
      return sessionInfo(ctx, agent.userId, agent.csrfToken ?? '');
    },
  );
};
