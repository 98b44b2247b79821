import type { Ack } from '@warmdesk/protocol';
import type { ZodType } from 'zod';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { IoSocket } from './types.js';

type AckFn<T> = ((res: Ack<T>) => void) | undefined;

export type HandleOptions<P> = {
  /** Token-bucket cost of one event. */
  cost?: number;
  /**
   * Events with the same key run one after another in arrival order (a client's sends to one conversation
   * are stored in the order sent); events with different keys, or without a key, run concurrently.
   */
  orderBy?: (payload: P) => string;
};

/**
 * Wraps a socket event handler: validates the payload with its zod schema, applies the socket's rate
 * limit, keeps the order the handler needs, and always answers with an ack, never a throw.
 */
export function handle<P, T extends object>(
  ctx: AppContext,
  socket: IoSocket,
  schema: ZodType<P>,
  fn: (payload: P) => Promise<T>,
  options: HandleOptions<P> = {},
) {
  const cost = options.cost ?? 1;
  return (raw: unknown, maybeAck?: unknown) => {
    const ack: AckFn<T> = typeof maybeAck === 'function' ? (maybeAck as (res: Ack<T>) => void) : undefined;
    const fail = (e: AppError) => ack?.({ ok: false, ...e.toBody() });
    if (!socket.data.bucket.take(cost)) {
      ctx.metrics.socketRejected.inc({ reason: 'rate_limited' });
      return fail(new AppError('rate_limited', 'slow down'));
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(
        new AppError(
          'validation_failed',
          issue ? `${issue.path.join('.') || 'payload'}: ${issue.message}` : 'invalid payload',
          parsed.error.issues,
        ),
      );
    }
    const run = async () => {
      try {
        const result = await fn(parsed.data);
        ack?.({ ok: true, ...result });
      } catch (err) {
        if (err instanceof AppError) return void fail(err);
        ctx.log.error({ err }, 'socket handler failed');
        fail(new AppError('internal', 'internal error'));
      }
    };
    const key = options.orderBy?.(parsed.data);
    if (key === undefined) return void run();
    const queues = socket.data.queues;
    const next = (queues.get(key) ?? Promise.resolve()).then(run);
    queues.set(key, next);
    next.then(() => {
      if (queues.get(key) === next) queues.delete(key);
    });
  };
}
