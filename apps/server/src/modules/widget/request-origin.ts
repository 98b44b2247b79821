import type { WidgetSettings } from '@warmdesk/protocol';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { originAllowed } from './settings.js';

/** The origin this server is reached at, as the browser sees it (the widget's iframe pages live there). */
export const ownOrigin = (req: FastifyRequest) => `${req.protocol}://${req.headers.host ?? ''}`;

/** Refuses a browser request from a site the inbox does not list among its allowed origins. */
export function assertOriginAllowed(req: FastifyRequest, settings: WidgetSettings): void {
  const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
  if (!originAllowed(settings, origin, ownOrigin(req)))
    throw new AppError('forbidden', "this site is not allowed to use this inbox's widget");
}
