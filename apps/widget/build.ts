/*
 * Builds the web widget into dist/:
 * - `widget.js`: the loader sites embed (IIFE), from src/loader/*.ts;
 * - `host.js`: its second half, loaded on the host page only when the iframe is needed, from src/loader/host/;
 * - `app.js` (+ `app.css` when the app imports CSS): the widget app the server's `/widget/frame` page loads, and
 *   `chunks/*.js`: what it loads later (the call UI) and the code shared with it;
 * - `meta.json`: esbuild's metafile, for check-size.ts;
 * - `live.js` (+ `live.css`): the viewer page of live rooms (`/live/:slug`), a separate page with its own bundle,
 *   so it is outside the widget's size budget; `live-banner.js`: the app's "live now" banner, loaded by URL only
 *   when a room is live (as a chunk of the app's build it would reshuffle the shared chunks of the first load).
 * Run: `npm run build -w @warmdesk/widget` (also part of the root `prepare`, so `npm install` builds it).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const appEntry = join(root, 'src/app/main.tsx');
const liveEntry = join(root, 'src/live/main.tsx');

const common: BuildOptions = {
  bundle: true,
  minify: true,
  platform: 'browser',
  target: 'es2019',
  charset: 'utf8',
  legalComments: 'none',
  // workspace packages (@warmdesk/protocol, @warmdesk/sdk) resolve to their TypeScript sources
  conditions: ['source', 'module'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
};

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const hostFile = join(dist, 'host.js');
await build({ ...common, entryPoints: [join(root, 'src/loader/host/index.ts')], outfile: hostFile, format: 'iife' });
// widget.js asks for this exact host.js, so a browser never pairs a new loader with a cached older half
const hostVersion = createHash('sha256').update(readFileSync(hostFile)).digest('hex').slice(0, 12);
await build({
  ...common,
  entryPoints: [join(root, 'src/loader/index.ts')],
  outfile: join(dist, 'widget.js'),
  format: 'iife',
  define: { ...common.define, WARMDESK_HOST_PATH: JSON.stringify(`/widget/host.js?v=${hostVersion}`) },
});

if (existsSync(appEntry)) {
  // ESM with code splitting: `app.js` is the entry the frame page loads; what it imports lazily (the call UI) and
  // the code shared with it land in `chunks/`, named by content hash, so they can be cached for good.
  const result = await build({
    ...common,
    entryPoints: { app: appEntry },
    outdir: dist,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    // The app is an ES module with dynamic import() already (Chrome 63+, Safari 11.1+); ES2020 syntax (?. and ??)
    // kept as is instead of rewritten saves about 0.7 KB gzipped of the first load. The loader stays ES2019.
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    // the "live now" banner, built below as its own file: loaded by URL only when a room is live
    external: ['./live-banner.js'],
    metafile: true,
    // metafile paths relative to apps/widget ("dist/app.js"), wherever the build runs from
    absWorkingDir: root,
  });
  // check-size.ts reads which chunks app.js imports statically (loaded with it) and which lazily
  writeFileSync(join(dist, 'meta.json'), JSON.stringify(result.metafile));
} else {
  console.log(`widget app skipped: ${relative(process.cwd(), appEntry)} does not exist yet (the loader is built)`);
}

if (existsSync(liveEntry)) {
  await build({
    ...common,
    entryPoints: { live: liveEntry, 'live-banner': join(root, 'src/app/live-banner.ts') },
    outdir: dist,
    format: 'esm',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    absWorkingDir: root,
  });
}

const chunks = existsSync(join(dist, 'chunks')) ? readdirSync(join(dist, 'chunks')).map((f) => `chunks/${f}`) : [];
for (const name of ['widget.js', 'host.js', 'app.js', 'app.css', 'live.js', 'live.css', 'live-banner.js', ...chunks]) {
  const file = join(dist, name);
  if (existsSync(file)) console.log(`dist/${name}  ${statSync(file).size} bytes`);
}
