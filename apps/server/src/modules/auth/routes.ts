import { SESSION_COOKIE, zLoginBody, zSessionInfo } from '@warmdesk/protocol';
import { z } from 'zod';
import { agentOf } from '../../platform/http/policy.js';
import { agentRole, type RegisterRoutes } from '../../platform/http/routes.js';
import { login, logout, SESSION_DAYS } from './login.js';
import { sessionInfo } from './session-info.js';

const tags = ['auth'];

export const authRoutes: RegisterRoutes = (app, ctx) => {
  app.post(
    '/api/v1/auth/login',
    {
      config: { policy: 'public', rateLimit: { max: ctx.config.loginsPerMinute, timeWindow: '1 minute' } },
      schema: { tags, body: zLoginBody, response: { 200: zSessionInfo } },
    },
    async (req, reply) => {
      const session = await login(ctx, req.body.email, req.body.password);
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        signed: true,
        sameSite: 'strict',
        secure: ctx.config.secureCookies,
        path: '/',
        maxAge: SESSION_DAYS * 86_400,
      });
      return sessionInfo(ctx, session.user.id, session.csrfToken);
    },
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
