import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Random credential with a readable prefix so leaked tokens can be recognised by scanners. */
export const newToken = (prefix: string) => `${prefix}_${randomBytes(24).toString('base64url')}`;

/** Credentials are stored only as sha256 digests. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
