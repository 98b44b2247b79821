import { CSRF_HEADER } from '@warmdesk/protocol';
import { sleep } from '../messaging/stats.js';

export type Headers = Record<string, string>;

/**
 * One JSON request; 429, 5xx and network errors are retried (at most `attempts` times, each bounded by
 * `timeoutMs`). Throws with the method, path and last status on failure.
 */
export async function request<T>(
  method: string,
  url: string,
  body?: unknown,
  headers: Headers = {},
  opts: { attempts?: number; timeoutMs?: number } = {},
): Promise<{ body: T; headers: globalThis.Headers }> {
  const attempts = opts.attempts ?? 3;
  let lastError = '';
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await sleep(250 * attempt);
    try {
      const res = await fetch(url, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
      });
      const text = await res.text();
      if (res.ok) return { body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
      lastError = `HTTP ${res.status} ${text.slice(0, 200)}`;
      if (res.status !== 429 && res.status < 500) break;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
  }
  throw new Error(`${method} ${new URL(url).pathname} failed: ${lastError}`);
}

export type Login = { userId: string; cookie: string; headers: Headers };

/** Signs in through the real login route: the session cookie (for the socket too) and the CSRF header. */
export async function login(baseUrl: string, email: string, password: string): Promise<Login> {
  const res = await request<{ csrfToken: string; user: { id: string } }>('POST', `${baseUrl}/api/v1/auth/login`, {
    email,
    password,
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (!cookie) throw new Error(`login of ${email} set no cookie`);
  return { userId: res.body.user.id, cookie, headers: { cookie, [CSRF_HEADER]: res.body.csrfToken } };
}
