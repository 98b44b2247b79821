import { zCallbackBody, zIdParams, zLeaveQueueBody, zQueueUpdate } from '@warmdesk/protocol';
import { z } from 'zod';
import { customerOf } from '../../platform/http/policy.js';
import type { RegisterRoutes } from '../../platform/http/routes.js';
import { botAssistWhileQueued } from '../bots/index.js';
import { ConversationAccess } from '../conversations/access.js';
import { WaitEstimator } from '../routing/estimate.js';
import { RoutingSettingsCache } from '../routing/settings.js';
import { customerQueueAction } from './customer-actions.js';
import { queuePositionOf } from './queue-position.js';

const tags = ['widget (customer)'];
const zOk = z.object({ ok: z.literal(true) });

/** A waiting customer's place in the queue (for a client that just reconnected) and what they can do instead. */
export const queueRoutes: RegisterRoutes = (app, ctx) => {
  const access = new ConversationAccess(ctx.db.pool);
  const settings = new RoutingSettingsCache(ctx.db.pool);
  const estimator = new WaitEstimator(ctx.db.pool);
  app.get(
    '/api/v1/widget/conversations/:id/queue',
    {
      config: { policy: 'customer' },
      schema: { tags, params: zIdParams, response: { 200: z.object({ queue: zQueueUpdate.nullable() }) } },
    },
    async (req) => {
      const c = customerOf(req);
      await access.assert(c, req.params.id);
      const inbox = await settings.get(c.inboxId);
      if (!inbox) return { queue: null };
      const place = await queuePositionOf(ctx.db.pool, inbox, await estimator.basis(inbox), req.params.id);
      if (!place) return { queue: null };
      const { contactId: _contact, over: _over, ...queue } = place;
      return { queue };
    },
  );

  app.post(
    '/api/v1/widget/conversations/:id/queue/leave',
    {
      config: { policy: 'customer' },
      schema: { tags, params: zIdParams, body: zLeaveQueueBody, response: { 200: zOk } },
    },
    async (req) => {
      await customerQueueAction(ctx, customerOf(req), req.params.id, { kind: req.body.mode });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/widget/conversations/:id/queue/bot',
    {
      config: { policy: 'customer', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        params: zIdParams,
        description: "Overflow offer `bot`: the inbox's bot helps while the customer keeps their place in the queue.",
        response: { 200: zOk },
      },
    },
    async (req) => {
      await botAssistWhileQueued(ctx, customerOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/widget/conversations/:id/callback',
    {
      config: { policy: 'customer', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags, params: zIdParams, body: zCallbackBody, response: { 200: zOk } },
    },
    async (req) => {
      await customerQueueAction(ctx, customerOf(req), req.params.id, {
        kind: 'callback',
        phone: req.body.phone,
        note: req.body.note,
      });
      return { ok: true as const };
    },
  );
};
