/*
 * Size budgets of the web widget, gzipped (run after the build: `npm run check:size`). Prints one JSON line;
 * exits 1 above a budget.
 * - widget.js: every visitor of every page of a site downloads it: 3 KB.
 * - host.js: the loader's second half, loaded on the host page only when the iframe is needed: 3 KB.
 * - after opening: everything the widget has loaded once the panel is open (widget.js, host.js, app.js, app.css):
 *   45 KB, the "all widget scripts after opening".
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const KB = 1024;
const dist = join(dirname(fileURLToPath(import.meta.url)), 'dist');
const gzipped = (name: string) => {
  const file = join(dist, name);
  return existsSync(file) ? gzipSync(readFileSync(file)).length : undefined;
};

const loader = gzipped('widget.js');
const host = gzipped('host.js');
if (loader === undefined || host === undefined) {
  console.error('apps/widget/dist/widget.js or host.js is missing: run `npm run build -w @warmdesk/widget` first');
  process.exit(1);
}
const app = gzipped('app.js');
const frame = app === undefined ? null : app + (gzipped('app.css') ?? 0);
const afterOpening = frame === null ? null : loader + host + frame;
const budgets = { loader: 3 * KB, host: 3 * KB, afterOpening: 45 * KB };
const over = [
  loader > budgets.loader && 'widget.js',
  host > budgets.host && 'host.js',
  afterOpening !== null &&
    afterOpening > budgets.afterOpening &&
    'after opening (widget.js + host.js + app.js + app.css)',
].filter(Boolean);

console.log(
  JSON.stringify({
    widgetJsGzipBytes: loader,
    widgetJsBudget: budgets.loader,
    hostJsGzipBytes: host,
    hostJsBudget: budgets.host,
    frameGzipBytes: frame,
    afterOpeningGzipBytes: afterOpening,
    afterOpeningBudget: budgets.afterOpening,
    ...(frame === null ? { note: 'app not built: src/app/main.tsx missing' } : {}),
    ok: over.length === 0,
  }),
);
if (over.length > 0) {
  console.error(`over budget: ${over.join(', ')}`);
  process.exit(1);
}
