import http from 'node:http';
import { CSRF_HEADER } from '@warmdesk/protocol';
import { sleep } from '../messaging/stats.js';

export type Headers = Record<string, string>;

/**
 * Kept-alive connections, as many as requests in flight (no queueing in the client); idle ones are closed by the
 * server's keep-alive timeout. node:http rather than fetch: about a third of the CPU per request (measured), and
 * the bench shares the machine with the server it measures.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY, maxFreeSockets: 1024 });

type Response = { status: number; text: string; headers: http.IncomingHttpHeaders };

function send(method: string, url: string, body: string | undefined, headers: Headers, timeoutMs: number) {
  return new Promise<Response>((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString(), headers: res.headers }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

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
): Promise<{ body: T; headers: http.IncomingHttpHeaders }> {
  const attempts = opts.attempts ?? 3;
  const json = body === undefined ? undefined : JSON.stringify(body);
  let lastError = '';
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await sleep(250 * attempt);
    try {
      const res = await send(method, url, json, headers, opts.timeoutMs ?? 15_000);
      const ok = res.status >= 200 && res.status < 300;
      if (ok) return { body: (res.text ? JSON.parse(res.text) : null) as T, headers: res.headers };
      lastError = `HTTP ${res.status} ${res.text.slice(0, 200)}`;
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
  const cookie = (res.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  if (!cookie) throw new Error(`login of ${email} set no cookie`);
  return { userId: res.body.user.id, cookie, headers: { cookie, [CSRF_HEADER]: res.body.csrfToken } };
}
