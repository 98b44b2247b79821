import { z } from 'zod';

export const errorCodes = [
  'bad_request',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'csrf_failed',
  'not_found',
  'conflict',
  'conversation_closed',
  'invalid_transition',
  'at_capacity',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal',
  /** A service this needs is not running here (live media without the SFU). */
  'unavailable',
] as const;

export const zErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof zErrorCode>;

export const zErrorBody = z.object({
  error: z.object({
    code: zErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof zErrorBody>;

/** HTTP status used for each error code, shared by REST and the socket acks' documentation. */
export const httpStatusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  conversation_closed: 409,
  invalid_transition: 409,
  at_capacity: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};
