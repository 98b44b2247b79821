import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

type HeaderMiddleware = ReturnType<typeof helmet>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Helmet options merged over the app's for this route; false sends none of helmet's headers. */
    securityHeaders?: HelmetOptions | false;
  }
}

/**
 * Helmet's security headers (CSP, frame and cross-origin policies, ...) on every response. Each configuration's
 * middleware is built once, when its route is registered: @fastify/helmet built it again for every request
 * (parsing the CSP directives), about 8 % of the CPU of a widget session request.
 */
export function securityHeaders(app: FastifyInstance, defaults: HelmetOptions): void {
  const everywhere = helmet(defaults);
  const byRoute = new WeakMap<HelmetOptions, HeaderMiddleware>();
  app.addHook('onRoute', (route) => {
    const own = route.config?.securityHeaders;
    if (own) byRoute.set(own, helmet(Object.assign({}, defaults, own)));
  });
  app.addHook('onRequest', (req, reply, done) => {
    const own = req.routeOptions.config.securityHeaders;
    if (own === false) return done();
    const middleware = (own && byRoute.get(own)) || everywhere;
    middleware(req.raw, reply.raw, (err?: unknown) => done(err instanceof Error ? err : undefined));
  });
}
