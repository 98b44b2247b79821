import { CUSTOMER_SESSION_HEADER } from '@warmdesk/protocol/constants';
import { errorFromBody, WarmdeskError } from './errors.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpOptions {
  /** Server origin plus any path prefix, e.g. `https://support.example.com`. */
  baseUrl: string;
  fetch: FetchLike;
  timeoutMs: number;
}

export interface RequestOptions {
  body?: unknown;
  /** Customer session token, sent in the `x-warmdesk-session` header (never in the URL). */
  token?: string | undefined;
  query?: Record<string, string | number | undefined>;
}

/** Minimal JSON-over-HTTP client for `${baseUrl}/api/v1`. Errors become WarmdeskError with the server's code. */
export class Http {
  private readonly root: string;

  constructor(private readonly options: HttpOptions) {
    this.root = `${trimSlash(options.baseUrl)}/api/v1`;
  }

  async request(method: 'GET' | 'POST', path: string, options: RequestOptions = {}): Promise<unknown> {
    let url = `${this.root}${path}`;
    const query = Object.entries(options.query ?? {}).filter(
      (entry): entry is [string, string | number] => entry[1] !== undefined,
    );
    if (query.length > 0) {
      url += `?${query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}`;
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers[CUSTOMER_SESSION_HEADER] = options.token;

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    let res: Response;
    try {
      res = await this.options.fetch(url, {
        method,
        headers,
        body: options.body === undefined ? null : JSON.stringify(options.body),
        signal: controller.signal,
        credentials: 'omit',
      });
    } catch (error) {
      clearTimeout(timer);
      if (controller.signal.aborted) {
        throw new WarmdeskError('timeout', `${method} ${path} did not answer in ${this.options.timeoutMs} ms`);
      }
      throw new WarmdeskError('network', `${method} ${path} failed: ${describe(error)}`, { cause: error });
    }
    let text: string;
    try {
      text = await res.text();
    } catch (error) {
      throw new WarmdeskError(
        controller.signal.aborted ? 'timeout' : 'network',
        `${method} ${path}: ${describe(error)}`,
        {
          status: res.status,
          cause: error,
        },
      );
    } finally {
      clearTimeout(timer);
    }
    let body: unknown;
    try {
      body = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      body = undefined;
    }
    if (!res.ok) {
      throw errorFromBody(body, { status: res.status, message: `${method} ${path} failed with HTTP ${res.status}` });
    }
    return body;
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
