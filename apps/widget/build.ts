/*
 * Builds the web widget into dist/:
 * - `widget.js`: the loader sites embed (IIFE), from src/loader/*.ts;
 * - `host.js`: its second half, loaded on the host page only when the iframe is needed, from src/loader/host/;
 * - `app.js` (+ `app.css` when the app imports CSS): the widget app the server's `/widget/frame` page loads.
 * Run: `npm run build -w @warmdesk/widget` (also part of the root `prepare`, so `npm install` builds it).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const appEntry = join(root, 'src/app/main.tsx');

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
  await build({
    ...common,
    entryPoints: [appEntry],
    outfile: join(dist, 'app.js'),
    format: 'esm',
    jsx: 'automatic',
    jsxImportSource: 'preact',
  });
} else {
  console.log(`widget app skipped: ${relative(process.cwd(), appEntry)} does not exist yet (the loader is built)`);
}

for (const name of ['widget.js', 'host.js', 'app.js', 'app.css']) {
  const file = join(dist, name);
  if (existsSync(file)) console.log(`dist/${name}  ${statSync(file).size} bytes`);
}
