import { zBotFeedbackBody } from '@warmdesk/protocol';
import { z } from 'zod';
import { customerOf } from '../../platform/http/policy.js';
import type { RegisterRoutes } from '../../platform/http/routes.js';
import { giveFeedback } from './give-feedback.js';

/** The customer's "was this helpful?" under a bot answer (widget, SDK). */
export const botFeedbackRoutes: RegisterRoutes = (app, ctx) => {
  app.post(
    '/api/v1/widget/bot/feedback',
    {
      config: { policy: 'customer', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['widget (customer)'],
        body: zBotFeedbackBody,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req) => {
      await giveFeedback(ctx, customerOf(req), req.body);
      return { ok: true as const };
    },
  );
};
