import { join } from 'node:path';
import { zLiveSlugParams } from '@warmdesk/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import type { RegisterRoutes } from '../../platform/http/routes.js';
import { widgetInboxByKey } from '../widget/settings.js';
import { demoInboxKey } from './demo-inbox.js';
import { demoHtml } from './demo-page.js';
import { assetVersion, NOT_BUILT, readAsset, WIDGET_DIST } from './dist-files.js';
import { frameCsp, frameHtml } from './frame-page.js';
import { pageLang } from './html.js';
import { liveCsp, liveHtml } from './live-page.js';

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const HTML = 'text/html; charset=utf-8';
const hide = { hide: true };
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** What esbuild writes into dist/chunks: `[name]-[hash].js`. */
const CHUNK_FILE = /^[A-Za-z0-9_-]+\.js$/;

const notBuilt = (reply: FastifyReply) =>
  reply.code(503).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(NOT_BUILT);

/**
 * The web widget's files and pages: `/widget.js` (the snippet sites embed), `/widget/host.js` (its second half),
 * the app's `/widget/app.js`, `/widget/app.css` and `/widget/chunks/*.js`, the iframe page `/widget/frame`, and the `/demo` shop.
 * `dir` is apps/widget/dist; tests pass another.
 */
export const widgetAssetRoutesFrom =
  (dir: string): RegisterRoutes =>
  (app, ctx) => {
    const sendAsset = async (req: FastifyRequest, reply: FastifyReply, name: string, type: string) => {
      const asset = await readAsset(dir, name);
      if (!asset) return notBuilt(reply);
      reply.header('cache-control', 'public, max-age=300').header('etag', asset.etag);
      if (req.headers['if-none-match'] === asset.etag) return reply.code(304).send();
      return reply.type(type).send(asset.body);
    };
    // other sites load these two with <script>: helmet's `Cross-Origin-Resource-Policy: same-origin` would block them
    const crossOrigin = { crossOriginResourcePolicy: { policy: 'cross-origin' as const } };
    const scripts = { '/widget.js': 'widget.js', '/widget/host.js': 'host.js' };
    for (const [url, name] of Object.entries(scripts)) {
      app.get(
        url,
        { config: { policy: 'public', rateLimit: false, securityHeaders: crossOrigin }, schema: hide },
        (req, reply) => sendAsset(req, reply, name, JS),
      );
    }
    app.get('/widget/app.js', { config: { policy: 'public', rateLimit: false }, schema: hide }, (req, reply) =>
      sendAsset(req, reply, 'app.js', JS),
    );
    // the live viewer page's script, and the widget app's "live now" banner (loaded only while a room is live)
    for (const name of ['live.js', 'live-banner.js']) {
      app.get(`/widget/${name}`, { config: { policy: 'public', rateLimit: false }, schema: hide }, (req, reply) =>
        sendAsset(req, reply, name, JS),
      );
    }
    app.get('/widget/live.css', { config: { policy: 'public', rateLimit: false }, schema: hide }, (req, reply) =>
      sendAsset(req, reply, 'live.css', CSS),
    );
    // The live room's viewer page (the share link and QR code): the app fetches the room by its slug.
    app.get(
      '/live/:slug',
      {
        // Opened by the widget's "live now" banner inside a site's iframe: without COOP the page keeps its opener,
        // which hands over the customer's identity (postMessage, this origin only).
        config: { policy: 'public', securityHeaders: { contentSecurityPolicy: false, crossOriginOpenerPolicy: false } },
        schema: { ...hide, params: zLiveSlugParams },
      },
      async (req, reply) => {
        const jsVersion = await assetVersion(dir, 'live.js');
        if (!jsVersion) return notBuilt(reply);
        reply.header('content-security-policy', liveCsp(req.host));
        const html = liveHtml({
          lang: pageLang('auto', req.headers['accept-language']),
          jsVersion,
          cssVersion: await assetVersion(dir, 'live.css'),
        });
        return reply.header('cache-control', 'no-cache').type(HTML).send(html);
      },
    );
    app.get('/widget/app.css', { config: { policy: 'public', rateLimit: false }, schema: hide }, (req, reply) =>
      sendAsset(req, reply, 'app.css', CSS),
    );

    // The app's code-split chunks (the call UI, code shared with it): named by content hash, so cached for good.
    app.get(
      '/widget/chunks/:file',
      {
        config: { policy: 'public', rateLimit: false },
        schema: { ...hide, params: z.object({ file: z.string().regex(CHUNK_FILE) }) },
      },
      async (req, reply) => {
        const asset = await readAsset(join(dir, 'chunks'), req.params.file);
        if (!asset) throw new AppError('not_found', 'no such widget chunk (rebuilt since the page loaded?)');
        return reply.header('cache-control', IMMUTABLE).type(JS).send(asset.body);
      },
    );

    app.get(
      '/widget/frame',
      {
        // framed by other sites: our own CSP below replaces helmet's, and no X-Frame-Options
        config: { policy: 'public', securityHeaders: { contentSecurityPolicy: false, frameguard: false } },
        schema: { ...hide, querystring: z.object({ inbox: z.string().min(1).max(100) }) },
      },
      async (req, reply) => {
        const inbox = await widgetInboxByKey(ctx.db.pool, req.query.inbox);
        if (!inbox) throw new AppError('not_found', 'unknown inbox key');
        reply.header('content-security-policy', frameCsp(inbox.settings, req.host));
        const appVersion = await assetVersion(dir, 'app.js');
        if (!appVersion) return notBuilt(reply);
        const html = frameHtml({
          lang: pageLang(inbox.settings.locale, req.headers['accept-language']),
          title: inbox.settings.title || inbox.name,
          appVersion,
          cssVersion: await assetVersion(dir, 'app.css'),
        });
        return reply.header('cache-control', 'no-cache').type(HTML).send(html);
      },
    );

    app.get('/demo', { config: { policy: 'public' }, schema: hide }, async (req, reply) => {
      if (!(await assetVersion(dir, 'widget.js'))) return notBuilt(reply);
      const inboxKey = await demoInboxKey(ctx.db.pool);
      if (!inboxKey) {
        return reply
          .code(404)
          .type('text/plain; charset=utf-8')
          .send('No demo account: start with WARMDESK_SEED_DEMO=true (the default) or run `npx warmdesk seed`.');
      }
      return reply
        .header('cache-control', 'no-cache')
        .type(HTML)
        .send(demoHtml(`${req.protocol}://${req.host}`, inboxKey));
    });
  };

export const widgetAssetRoutes = widgetAssetRoutesFrom(WIDGET_DIST);
