import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.js';

async function app() {
  const built = Fastify();
  securityHeaders(built, { contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], imgSrc: ['https:'] } } });
  built.get('/plain', async () => 'ok');
  built.get(
    '/framed',
    { config: { securityHeaders: { frameguard: false, contentSecurityPolicy: false } } },
    async () => 'ok',
  );
  built.get('/bare', { config: { securityHeaders: false } }, async () => 'ok');
  await built.ready();
  return built;
}

describe('security headers', () => {
  it("sends the app's CSP and helmet's defaults, a route's own options over them, or none when a route opts out", async () => {
    const server = await app();
    const plain = await server.inject({ method: 'GET', url: '/plain' });
    expect(plain.headers['content-security-policy']).toContain("default-src 'self';");
    expect(plain.headers['content-security-policy']).toContain('img-src https:');
    expect(plain.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(plain.headers['x-content-type-options']).toBe('nosniff');

    const framed = await server.inject({ method: 'GET', url: '/framed' });
    expect(framed.headers['x-frame-options']).toBeUndefined();
    expect(framed.headers['content-security-policy']).toBeUndefined();
    expect(framed.headers['x-content-type-options']).toBe('nosniff');

    const bare = await server.inject({ method: 'GET', url: '/bare' });
    expect(bare.headers['x-content-type-options']).toBeUndefined();

    const missing = await server.inject({ method: 'GET', url: '/nowhere' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['x-frame-options']).toBe('SAMEORIGIN');
    await server.close();
  });
});
