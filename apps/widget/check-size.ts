/*
 * Size budgets of the web widget, gzipped (run after the build: `npm run check:size`). Prints one JSON line;
 * exits 1 above a budget.
 * - widget.js: every visitor of every page of a site downloads it: 3 KB.
 * - host.js: the loader's second half, loaded on the host page only when the iframe is needed: 3 KB.
 * - after opening: everything the widget has loaded once the panel is open (widget.js, host.js, app.js with the
 *   chunks it imports statically, app.css): 45 KB, the "all widget scripts after opening".
 * - calls: what the first call loads on top (the lazy call chunk and whatever it imports that the app had not
 *   loaded yet): 20 KB.
 * Which chunks app.js imports, and how, comes from the build's esbuild metafile (dist/meta.json).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const KB = 1024;
const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const gzipped = (name: string) => {
  const file = join(dist, name);
  return existsSync(file) ? gzipSync(readFileSync(file)).length : undefined;
};

type Output = { imports: { path: string; kind: string }[] };
/** esbuild's outputs, keyed by path relative to apps/widget ("dist/app.js"); empty without a metafile. */
const outputs: Record<string, Output> = existsSync(join(dist, 'meta.json'))
  ? JSON.parse(readFileSync(join(dist, 'meta.json'), 'utf8')).outputs
  : {};
const distName = (path: string) => path.replace(/^dist\//, '');

/** `name` and every JS file it imports statically, transitively. */
function staticClosure(name: string, seen = new Set<string>()): Set<string> {
  if (seen.has(name)) return seen;
  seen.add(name);
  for (const i of outputs[`dist/${name}`]?.imports ?? [])
    if (i.kind === 'import-statement') staticClosure(distName(i.path), seen);
  return seen;
}
const sum = (names: Iterable<string>) => [...names].reduce((total, n) => total + (gzipped(n) ?? 0), 0);

const loader = gzipped('widget.js');
const host = gzipped('host.js');
if (loader === undefined || host === undefined) {
  console.error('apps/widget/dist/widget.js or host.js is missing: run `npm run build -w @warmdesk/widget` first');
  process.exit(1);
}
const appFiles = staticClosure('app.js');
const app = gzipped('app.js');
const frame = app === undefined ? null : sum(appFiles) + (gzipped('app.css') ?? 0);
const afterOpening = frame === null ? null : loader + host + frame;

// The lazy chunks app.js imports dynamically, with what they import that app.js has not loaded already.
const lazy = (outputs['dist/app.js']?.imports ?? []).filter((i) => i.kind === 'dynamic-import');
const onTopOfApp = (chunks: typeof lazy) => {
  const files = new Set<string>();
  for (const chunk of chunks) for (const n of staticClosure(distName(chunk.path))) if (!appFiles.has(n)) files.add(n);
  return files;
};
const callFiles = onTopOfApp(lazy.filter((i) => distName(i.path).startsWith('chunks/call-')));
const calls = app === undefined ? null : sum(callFiles);
// Other on-demand parts (the rating card once a conversation ends), reported for the record.
const otherLazyFiles = onTopOfApp(lazy.filter((i) => !distName(i.path).startsWith('chunks/call-')));

const budgets = { loader: 3 * KB, host: 3 * KB, afterOpening: 45 * KB, calls: 20 * KB };
const over = [
  loader > budgets.loader && 'widget.js',
  host > budgets.host && 'host.js',
  afterOpening !== null &&
    afterOpening > budgets.afterOpening &&
    'after opening (widget.js + host.js + app.js and its static chunks + app.css)',
  calls !== null && calls > budgets.calls && 'calls (the lazy call chunk)',
].filter(Boolean);

console.log(
  JSON.stringify({
    widgetJsGzipBytes: loader,
    widgetJsBudget: budgets.loader,
    hostJsGzipBytes: host,
    hostJsBudget: budgets.host,
    frameGzipBytes: frame,
    frameFiles: [...appFiles],
    afterOpeningGzipBytes: afterOpening,
    afterOpeningBudget: budgets.afterOpening,
    callsGzipBytes: calls,
    callsFiles: [...callFiles],
    callsBudget: budgets.calls,
    otherOnDemandGzipBytes: sum(otherLazyFiles),
    otherOnDemandFiles: [...otherLazyFiles],
    ...(frame === null ? { note: 'app not built: src/app/main.tsx missing' } : {}),
    ok: over.length === 0,
  }),
);
if (over.length > 0) {
  console.error(`over budget: ${over.join(', ')}`);
  process.exit(1);
}
