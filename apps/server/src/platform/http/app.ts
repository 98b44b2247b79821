import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { CUSTOMER_SESSION_HEADER, PROTOCOL_VERSION } from '@warmdesk/protocol';
import Fastify, { LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { registerErrorHandler } from './errors.js';
import { type RouteRecord, registerPolicies } from './policy.js';
import { securityHeaders } from './security-headers.js';

export const BODY_LIMIT_BYTES = 256 * 1024;
export const CUSTOMER_API_PREFIX = '/api/v1/widget/';
const ATTACHMENT_DOWNLOAD_PREFIX = '/api/v1/attachments/';

/** Fastify with zod validation, OpenAPI at /api/openapi.json, docs UI at /api/docs, and the security hooks. */
export async function createHttpApp(ctx: AppContext, routes: RouteRecord[]) {
  const app = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: true,
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  registerPolicies(app, ctx, routes);
  registerErrorHandler(app);

  securityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // logos and product images configured by admins may live on the shop's own https site
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        // Behind plain http on a LAN (a phone opening http://192.168.x.y:3000/app) upgrading would break every asset.
        upgradeInsecureRequests: ctx.config.secureCookies ? [] : null,
        mediaSrc: ["'self'", 'blob:'],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
      },
    },
  });
  await app.register(cookie, { secret: ctx.config.sessionSecret });
  // Customer routes are called from the enterprise's own site (the SDK embedded there): every origin, no
  // cookies, the session travels in a header. So are attachment downloads, which a customer makes with that
  // header (agents use their cookie, which is SameSite=Strict and not allowed cross-origin). Agent routes stay
  // same-origin.
  await app.register(cors, {
    delegator: (req, callback) => {
      const url = req.url ?? '';
      const customerRoute = url.startsWith(CUSTOMER_API_PREFIX) || url.startsWith(ATTACHMENT_DOWNLOAD_PREFIX);
      callback(null, {
        origin: customerRoute,
        credentials: false,
        methods: ['GET', 'POST'],
        allowedHeaders: ['content-type', CUSTOMER_SESSION_HEADER],
        maxAge: 600,
      });
    },
  });
  await app.register(rateLimit, {
    global: true,
    max: ctx.config.rateLimitPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (req) => req.ip,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Warmdesk API', version: PROTOCOL_VERSION, description: 'REST API v1. See docs/api.md.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token (Settings > API tokens)' },
          session: { type: 'apiKey', in: 'cookie', name: 'wd_session' },
          customer: { type: 'apiKey', in: 'header', name: 'x-warmdesk-session' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  return app;
}

export type WarmdeskHttp = Awaited<ReturnType<typeof createHttpApp>>;
