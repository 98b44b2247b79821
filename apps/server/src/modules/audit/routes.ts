import { zAuditEntry, zAuditQuery } from '@warmdesk/protocol';
import { z } from 'zod';
import { agentOf } from '../../platform/http/policy.js';
import { adminRole, type RegisterRoutes } from '../../platform/http/routes.js';

type AuditRow = {
  id: number;
  actor_type: 'user' | 'api_token' | 'system';
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  details: Record<string, unknown>;
  created_at: Date;
};

export const auditRoutes: RegisterRoutes = (app, ctx) => {
  app.get(
    '/api/v1/audit-log',
    {
      config: { policy: adminRole },
      schema: {
        tags: ['audit'],
        querystring: zAuditQuery,
        response: { 200: z.object({ items: z.array(zAuditEntry), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => {
      const agent = agentOf(req);
      const before = req.query.cursor && /^\d+$/.test(req.query.cursor) ? Number(req.query.cursor) : null;
      const { rows } = await ctx.db.pool.query<AuditRow>(
        `SELECT * FROM audit_log WHERE account_id = $1 AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
        [agent.accountId, before, req.query.limit + 1],
      );
      const items = rows.slice(0, req.query.limit);
      const last = items[items.length - 1];
      return {
        items: items.map((r) => ({
          id: String(r.id),
          actor: { type: r.actor_type, id: r.actor_id },
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          details: r.details,
          createdAt: r.created_at.toISOString(),
        })),
        nextCursor: rows.length > req.query.limit && last ? String(last.id) : null,
      };
    },
  );
};
