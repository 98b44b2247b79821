import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, loginAs, startTestServer, type TestServer } from '../../../test/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const fill = (url: string) => url.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000').replace(/\*$/, 'x');

describe('every route declares who may call it', () => {
  it('has a policy on every registered route', () => {
    const unguarded = server.routes.filter((r) => r.policy === undefined).map((r) => `${r.method} ${r.url}`);
    expect(unguarded).toEqual([]);
    expect(server.routes.length).toBeGreaterThan(30);
  });

  it('refuses anonymous callers on every non-public route', async () => {
    const anon = http(server.url);
    const guarded = server.routes.filter((r) => r.policy !== 'public' && r.method !== 'HEAD');
    expect(guarded.length).toBeGreaterThan(25);
    for (const r of guarded) {
      const res = await anon(r.method, fill(r.url), ['GET', 'DELETE'].includes(r.method) ? undefined : {});
      expect([401, 400], `${r.method} ${r.url} answered ${res.status}`).toContain(res.status);
      if (res.status === 400) throw new Error(`${r.method} ${r.url} validated before authenticating`);
    }
  });

  it('answers CORS only for the customer API', async () => {
    const preflight = (path: string) =>
      fetch(`${server.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://shop.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-warmdesk-session',
        },
      });
    const widget = await preflight('/api/v1/widget/conversations');
    expect(widget.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(widget.headers.get('access-control-allow-headers')).toContain('x-warmdesk-session');
    const agent = await preflight('/api/v1/conversations');
    expect(agent.headers.get('access-control-allow-origin')).toBeNull();
    // Customers download attachments with their session header from the site embedding the SDK.
    const download = await preflight('/api/v1/attachments/0190a000-0000-7000-8000-000000000001');
    expect(download.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(download.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('lists exactly the intended public routes', () => {
    const publicRoutes = server.routes
      .filter((r) => r.policy === 'public' && !r.url.startsWith('/api/docs') && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(publicRoutes).toEqual(
      [
        'GET /api/openapi.json',
        'GET /api/v1/version',
        'GET /healthz',
        'GET /metrics',
        'GET /readyz',
        'OPTIONS *',
        'POST /api/v1/auth/login',
        // the invitee sets a password with the code from the link (rate limited like login)
        'POST /api/v1/auth/accept-invite',
        'POST /api/v1/widget/sessions',
        // the widget's public settings: what the launcher needs before any session exists
        'GET /api/v1/widget/config',
        // the web widget's files, loaded by any visitor of a site that embeds it (no secrets in them)
        'GET /widget.js',
        'GET /widget/host.js',
        'GET /widget/app.js',
        'GET /widget/app.css',
        // the app's code-split chunks (the call UI), named by content hash
        'GET /widget/chunks/:file',
        // the iframe page: the inbox key is public; framing is limited by CSP frame-ancestors
        'GET /widget/frame',
        // the live room viewer page (its random slug is the key) with its script and CSS, and the widget's
        // "live now" banner script (no secrets in them)
        'GET /live/:slug',
        'GET /widget/live.js',
        'GET /widget/live.css',
        'GET /widget/live-banner.js',
        // the demo shop page with the demo inbox's (public) key
        'GET /demo',
        // the agent workspace's files (the app signs in through the API)
        'GET /app',
        'GET /app/*',
        // a live room as its viewers see it, and its replay: the random slug in the share link is the key
        'GET /api/v1/live/public/:slug',
        'GET /api/v1/live/public/:slug/replay',
      ].sort(),
    );
  });
});

describe('roles are enforced on the server', () => {
  const adminOnly = () =>
    server.routes.filter(
      (r) => typeof r.policy === 'object' && r.policy.role === 'admin' && !r.policy.customer && r.method !== 'HEAD',
    );

  it('refuses an agent on every admin-only route, before looking at the input', async () => {
    const agent = server.demo.agents[0];
    if (!agent) throw new Error('no demo agent');
    const session = await loginAs(server, agent.email, agent.password);
    const routes = adminOnly().map((r) => `${r.method} ${r.url}`);
    // The admin console's actions: a route missing here lost its admin policy.
    for (const expected of [
      'POST /api/v1/users',
      'POST /api/v1/users/invite',
      'POST /api/v1/users/:id/invite',
      'POST /api/v1/teams',
      'PATCH /api/v1/teams/:id',
      'POST /api/v1/inboxes',
      'PATCH /api/v1/inboxes/:id',
      'GET /api/v1/inboxes/:id/secret',
      'POST /api/v1/inboxes/:id/secret/rotate',
      'GET /api/v1/api-tokens',
      'POST /api/v1/api-tokens',
      'DELETE /api/v1/api-tokens/:id',
      'GET /api/v1/audit-log',
      'POST /api/v1/canned-responses',
      'PATCH /api/v1/canned-responses/:id',
      'DELETE /api/v1/canned-responses/:id',
      'POST /api/v1/labels',
      'PATCH /api/v1/labels/:id',
      'DELETE /api/v1/labels/:id',
      'PATCH /api/v1/account',
    ]) {
      expect(routes).toContain(expected);
    }
    for (const r of adminOnly()) {
      const res = await session.http(r.method, fill(r.url), ['GET', 'DELETE'].includes(r.method) ? undefined : {});
      expect(res.status, `${r.method} ${r.url} answered ${res.status}`).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
    }
    // Users change only themselves unless they are admins (the route admits agents for their own profile).
    const admin = await loginAs(server, server.demo.admin.email, server.demo.admin.password);
    const other = await session.http('PATCH', `/api/v1/users/${admin.user.id}`, { name: 'Taken over' });
    expect(other.status).toBe(403);
  });
});
