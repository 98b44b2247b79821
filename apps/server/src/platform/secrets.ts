import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** A secret generated on first use and kept in <data dir>/secrets (mode 0600), so restarts keep it. */
export function persistedSecretFor(dataDir: string, name: string): string {
  const dir = resolve(dataDir, 'secrets');
  const file = resolve(dir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  // The data dir stays traversable: the embedded PostgreSQL runs as another OS user when we are root.
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
