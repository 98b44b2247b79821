import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply } from 'fastify';
import type { RegisterRoutes } from '../../platform/http/routes.js';
import { readAsset } from '../widget-assets/dist-files.js';

/** apps/agent/dist, written by `npm run build -w @warmdesk/agent` (and by `npm install`, through `prepare`). */
export const AGENT_DIST = fileURLToPath(new URL('../../../../agent/dist/', import.meta.url));

const NOT_BUILT =
  'The agent workspace is not built: run `npm run build -w @warmdesk/agent` (or `npm install`, which builds it), then reload.';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.woff2': 'font/woff2',
};

/** Only plain relative paths inside the build: no dot segments, no backslashes, no encoded tricks. */
const SAFE_PATH = /^(?:[\w-]+\/)*[\w.-]+$/;

/**
 * The agent workspace and admin console at `/app`: the built files, and `index.html` for every other path so
 * the client-side router can answer deep links. Hashed files under `assets/` are cached for a year; the rest is
 * revalidated. `dir` is apps/agent/dist; tests may pass another.
 */
export const agentAppRoutesFrom =
  (dir: string): RegisterRoutes =>
  (app) => {
    const sendIndex = async (reply: FastifyReply) => {
      const index = await readAsset(dir, 'index.html');
      if (!index)
        return reply.code(503).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(NOT_BUILT);
      return reply
        .header('cache-control', 'no-cache')
        .type(TYPES['.html'] ?? 'text/html')
        .send(index.body);
    };
    const options = { config: { policy: 'public' as const, rateLimit: false as const }, schema: { hide: true } };
    app.get('/app', options, (_req, reply) => reply.redirect('/app/'));
    app.get<{ Params: { '*': string } }>('/app/*', options, async (req, reply) => {
      const path = req.params['*'];
      const type = TYPES[extname(path)];
      if (!path || !type || !SAFE_PATH.test(path) || path.endsWith('.html')) return sendIndex(reply);
      const asset = await readAsset(dir, path);
      if (!asset) {
        if (path.startsWith('assets/')) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
        return sendIndex(reply);
      }
      const immutable = path.startsWith('assets/');
      reply
        .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
        .header('etag', asset.etag);
      if (req.headers['if-none-match'] === asset.etag) return reply.code(304).send();
      return reply.type(type).send(asset.body);
    });
  };

export const agentAppRoutes: RegisterRoutes = agentAppRoutesFrom(AGENT_DIST);
