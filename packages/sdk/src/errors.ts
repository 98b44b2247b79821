import type { ErrorCode } from '@warmdesk/protocol';

/**
 * Codes an SDK error can carry: the server's error codes plus the SDK's own:
 * - `timeout`: the server did not answer (ack or HTTP) in time;
 * - `disconnected`: the socket is not connected, dropped before the answer came, or `disconnect()` was called
 *   while a `connect()` was pending;
 * - `network`: the HTTP request failed before any response (offline, DNS, CORS...);
 * - `closed`: the client was closed;
 * - `protocol`: the server answered with something the SDK does not understand;
 * - `session_replaced`: the stored session was no longer valid and a new anonymous session was created.
 */
export type SdkErrorCode =
  | ErrorCode
  | 'timeout'
  | 'disconnected'
  | 'network'
  | 'closed'
  | 'protocol'
  | 'session_replaced';

export interface WarmdeskErrorInit {
  status?: number;
  details?: unknown;
  conversationId?: string;
  clientMsgId?: string;
  cause?: unknown;
}

/** Every error the SDK rejects with or emits as `'error'`. */
export class WarmdeskError extends Error {
  override readonly name = 'WarmdeskError';
  readonly status?: number;
  readonly details?: unknown;
  /** Set on errors about one conversation or one message. */
  readonly conversationId?: string;
  readonly clientMsgId?: string;

  constructor(
    readonly code: SdkErrorCode | (string & {}),
    message: string,
    init: WarmdeskErrorInit = {},
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    if (init.status !== undefined) this.status = init.status;
    if (init.details !== undefined) this.details = init.details;
    if (init.conversationId !== undefined) this.conversationId = init.conversationId;
    if (init.clientMsgId !== undefined) this.clientMsgId = init.clientMsgId;
  }
}

/** Reads the `{ code, message, details? }` of a server error body, whatever shape it arrived in. */
export function errorFromBody(body: unknown, fallback: { status?: number; message: string }): WarmdeskError {
  const err = isRecord(body) && isRecord(body.error) ? body.error : isRecord(body) ? body : undefined;
  const code = err && typeof err.code === 'string' ? err.code : fallback.status === undefined ? 'protocol' : 'internal';
  const message = err && typeof err.message === 'string' ? err.message : fallback.message;
  const init: WarmdeskErrorInit = {};
  if (fallback.status !== undefined) init.status = fallback.status;
  if (err && err.details !== undefined) init.details = err.details;
  return new WarmdeskError(code, message, init);
}

/**
 * Send errors that retrying cannot fix: the message is dropped from the outbox and its promise rejected.
 * Everything else (`rate_limited`, `internal`, `unauthorized`, `timeout`, `disconnected`...) is retried.
 */
const PERMANENT_SEND_ERRORS: ReadonlySet<string> = new Set<SdkErrorCode>([
  'bad_request',
  'validation_failed',
  'conversation_closed',
  'not_found',
  'forbidden',
  'payload_too_large',
  'conflict',
  'invalid_transition',
  'protocol',
]);

export function isPermanentSendError(code: string): boolean {
  return PERMANENT_SEND_ERRORS.has(code);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Turns whatever a rejected socket call threw into a WarmdeskError (`timeout` / `disconnected`). */
export function toWarmdeskError(error: unknown, context: WarmdeskErrorInit = {}): WarmdeskError {
  if (error instanceof WarmdeskError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/timed out/i.test(message)) return new WarmdeskError('timeout', 'the server did not answer in time', context);
  if (/disconnected/i.test(message)) {
    return new WarmdeskError('disconnected', 'the connection dropped before the server answered', context);
  }
  return new WarmdeskError('internal', message, { ...context, cause: error });
}
