import { CSRF_HEADER, CUSTOMER_SESSION_HEADER, type Role, SESSION_COOKIE } from '@warmdesk/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type AgentPrincipal, type CustomerPrincipal, hasRole, type Principal } from '../auth/principal.js';
import { agentFromApiToken, agentFromSession, customerFromSession } from '../auth/resolve.js';
import { safeEqual } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';

/**
 * Every route declares who may call it. `public` is explicit; a route with no policy is refused
 * at request time and flagged by the route-enumeration test. `{ role, customer: true }` admits an agent with
 * the role or a customer (for what both sides read, like attachments): the credential sent decides which.
 */
export type Policy = 'public' | 'customer' | { role: Role; customer?: true };

export const agentOrCustomer = { role: 'agent', customer: true } as const;

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: Policy;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export type RouteRecord = { method: string; url: string; policy: Policy | undefined };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes added by plugins, explicitly public: the API reference UI and the CORS preflight answer. */
const isPublicPluginRoute = (method: string | string[], url: string) =>
  url.startsWith('/api/docs') || (method === 'OPTIONS' && url === '*');

export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m?.[1];
}

export function registerPolicies(app: FastifyInstance, ctx: AppContext, routes: RouteRecord[]): void {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    if (route.config?.policy === undefined && isPublicPluginRoute(route.method, route.url)) {
      route.config = { ...route.config, policy: 'public' };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method, url: route.url, policy: route.config?.policy });
  });
  // Before validation: an anonymous caller learns nothing about a route's input.
  app.addHook('preValidation', async (request) => {
    if (request.is404) return;
    const policy = request.routeOptions.config.policy;
    if (policy === undefined) throw new AppError('forbidden', 'route has no access policy');
    if (policy === 'public') return;
    if (policy === 'customer' || (policy.customer && sendsCustomerSession(request))) {
      request.principal = await requireCustomer(ctx, request);
      return;
    }
    request.principal = await requireAgent(ctx, request, policy.role);
  });
}

const sendsCustomerSession = (request: FastifyRequest) => request.headers[CUSTOMER_SESSION_HEADER] !== undefined;

async function requireCustomer(ctx: AppContext, request: FastifyRequest): Promise<CustomerPrincipal> {
  const raw = request.headers[CUSTOMER_SESSION_HEADER];
  const token = typeof raw === 'string' ? raw : undefined;
  const principal = token ? await customerFromSession(ctx, token) : null;
  if (!principal) throw new AppError('unauthorized', `a valid ${CUSTOMER_SESSION_HEADER} header is required`);
  return principal;
}

async function requireAgent(ctx: AppContext, request: FastifyRequest, role: Role): Promise<AgentPrincipal> {
  const bearer = bearerToken(request.headers.authorization);
  let principal: AgentPrincipal | null = null;
  if (bearer) {
    principal = await agentFromApiToken(ctx, bearer);
    if (!principal) throw new AppError('unauthorized', 'invalid or revoked API token');
    const needed = SAFE_METHODS.has(request.method) ? 'read' : 'write';
    if (!principal.scopes.includes(needed)) throw new AppError('forbidden', `API token lacks the ${needed} scope`);
  } else {
    const raw = request.cookies[SESSION_COOKIE];
    const cookie = raw ? request.unsignCookie(raw) : undefined;
    principal = cookie?.valid && cookie.value ? await agentFromSession(ctx, cookie.value) : null;
    if (!principal) throw new AppError('unauthorized', 'sign in first');
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !principal.csrfToken || !safeEqual(sent, principal.csrfToken)) {
        throw new AppError('csrf_failed', `missing or wrong ${CSRF_HEADER} header`);
      }
    }
  }
  if (!hasRole(principal, role)) throw new AppError('forbidden', `requires the ${role} role`);
  return principal;
}

export function agentOf(request: FastifyRequest): AgentPrincipal {
  const p = request.principal;
  if (p?.kind !== 'agent') throw new AppError('unauthorized', 'agent authentication required');
  return p;
}

export function customerOf(request: FastifyRequest): CustomerPrincipal {
  const p = request.principal;
  if (p?.kind !== 'customer') throw new AppError('unauthorized', 'customer session required');
  return p;
}
