import type { Ack } from '@warmdesk/protocol';
import type { ZodType } from 'zod';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { IoSocket } from './types.js';

type AckFn<T> = ((res: Ack<T>) => void) | undefined;

/**
 * Wraps a socket event handler: validates the payload with its zod schema, applies the socket's rate
 * limit, runs handlers of one socket in arrival order, and always answers with an ack, never a throw.
 */
export function handle<P, T extends object>(
  ctx: AppContext,
  socket: IoSocket,
  schema: ZodType<P>,
  fn: (payload: P) => Promise<T>,
  cost = 1,
) {
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
    socket.data.queue = socket.data.queue.then(async () => {
      try {
        const result = await fn(parsed.data);
        ack?.({ ok: true, ...result });
      } catch (err) {
        if (err instanceof AppError) return void fail(err);
        ctx.log.error({ err }, 'socket handler failed');
        fail(new AppError('internal', 'internal error'));
      }
    });
  };
}
