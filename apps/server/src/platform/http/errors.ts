import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors.js';

/** Every failure leaves as `{error: {code, message, details?}}`; internals are logged, never leaked. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(new AppError('not_found', `no route ${request.method} ${request.url.split('?')[0]}`).toBody());
  });
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) return reply.code(err.status).send(err.toBody());
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: `${err.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
        message: v.message,
      }));
      const first = details[0];
      const message = first ? `${first.path}: ${first.message}` : 'invalid request';
      return reply.code(400).send(new AppError('validation_failed', message, details).toBody());
    }
    if (err.statusCode === 429) return reply.code(429).send(new AppError('rate_limited', 'too many requests').toBody());
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send(new AppError('payload_too_large', 'request body is too large').toBody());
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const code = err.statusCode === 415 ? 'bad_request' : err.statusCode === 404 ? 'not_found' : 'bad_request';
      return reply.code(err.statusCode).send(new AppError(code, err.message).toBody());
    }
    request.log.error({ err }, 'request failed');
    return reply.code(500).send(new AppError('internal', 'internal error').toBody());
  });
}
