import { zIdParams, zPageContext } from '@warmdesk/protocol';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { agentOf } from '../../platform/http/policy.js';
import { agentRole, type RegisterRoutes } from '../../platform/http/routes.js';

const zCustomerContext = z.object({ context: zPageContext.partial(), lastSeenAt: z.string().nullable() });

/** Agents read what the widget reported of the customer's browser session (page, trail, browser, language). */
export const widgetAgentRoutes: RegisterRoutes = (app, ctx) => {
  app.get(
    '/api/v1/conversations/:id/customer-context',
    {
      config: { policy: agentRole },
      schema: { tags: ['conversations'], params: zIdParams, response: { 200: zCustomerContext } },
    },
    async (req) => {
      const a = agentOf(req);
      // The session that started the conversation, else the contact's most recently seen one in that inbox.
      const { rows } = await ctx.db.pool.query<{ context: Record<string, unknown>; last_seen_at: Date | null }>(
        `SELECT ci.context, ci.last_seen_at FROM conversations c
           JOIN contact_inboxes ci ON ci.account_id = c.account_id AND ci.contact_id = c.contact_id
                                  AND ci.inbox_id = c.inbox_id
          WHERE c.account_id = $1 AND c.id = $2
          ORDER BY (ci.id = c.contact_inbox_id) DESC, ci.last_seen_at DESC NULLS LAST
          LIMIT 1`,
        [a.accountId, req.params.id],
      );
      const r = rows[0];
      if (!r) {
        const { rowCount } = await ctx.db.pool.query('SELECT 1 FROM conversations WHERE account_id = $1 AND id = $2', [
          a.accountId,
          req.params.id,
        ]);
        if (!rowCount) throw new AppError('not_found', 'conversation not found');
        return { context: {}, lastSeenAt: null };
      }
      return { context: r.context, lastSeenAt: r.last_seen_at?.toISOString() ?? null };
    },
  );
};
