import { zIdParams, zQueueUpdate } from '@warmdesk/protocol';
import { z } from 'zod';
import { customerOf } from '../../platform/http/policy.js';
import type { RegisterRoutes } from '../../platform/http/routes.js';
import { ConversationAccess } from '../conversations/access.js';
import { inboxQueue } from './queue-positions.js';

/** A waiting customer's place in the queue, for a client that just (re)connected; live changes come as events. */
export const queueRoutes: RegisterRoutes = (app, ctx) => {
  const access = new ConversationAccess(ctx.db.pool);
  app.get(
    '/api/v1/widget/conversations/:id/queue',
    {
      config: { policy: 'customer' },
      schema: {
        tags: ['widget (customer)'],
        params: zIdParams,
        response: { 200: z.object({ queue: zQueueUpdate.nullable() }) },
      },
    },
    async (req) => {
      const c = customerOf(req);
      await access.assert(c, req.params.id);
      const queue = await inboxQueue(ctx.db.pool, c.accountId, c.inboxId);
      const mine = queue.find((q) => q.conversationId === req.params.id);
      if (!mine) return { queue: null };
      const { contactId: _contact, ...update } = mine;
      return { queue: update };
    },
  );
};
