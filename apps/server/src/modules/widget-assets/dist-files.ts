import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/widget/dist, written by `npm run build -w @warmdesk/widget` (and by `npm install`, through `prepare`). */
export const WIDGET_DIST = fileURLToPath(new URL('../../../../widget/dist/', import.meta.url));

export const NOT_BUILT =
  'The web widget is not built: run `npm run build -w @warmdesk/widget` (or `npm install`, which builds it), then reload.';

export type Asset = { body: Buffer; etag: string };

/** A built file with a weak ETag from its size and modification time, or undefined when it does not exist. */
export async function readAsset(dir: string, name: string): Promise<Asset | undefined> {
  const file = join(dir, name);
  try {
    const [info, body] = await Promise.all([stat(file), readFile(file)]);
    return { body, etag: `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"` };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** A short version of a built file (for `?v=` in URLs), or undefined when it does not exist. */
export async function assetVersion(dir: string, name: string): Promise<string | undefined> {
  try {
    const info = await stat(join(dir, name));
    return Math.floor(info.mtimeMs).toString(36);
  } catch {
    return undefined;
  }
}
