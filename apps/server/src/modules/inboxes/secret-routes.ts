import { zIdParams, zInboxSecret } from '@warmdesk/protocol';
import { newToken } from '../../platform/auth/tokens.js';
import { AppError } from '../../platform/errors.js';
import { agentOf } from '../../platform/http/policy.js';
import { adminRole, type RegisterRoutes } from '../../platform/http/routes.js';
import { recordAudit } from '../audit/record-audit.js';
import { forgetWidgetInboxes } from '../widget/settings.js';

const tags = ['inboxes'];

/**
 * The inbox's identity-verification secret (docs/widget.md): admins read it to configure their site's backend,
 * and rotate it when it leaked (identities verified before stay verified). Both are audited.
 */
export const inboxSecretRoutes: RegisterRoutes = (app, ctx) => {
  app.get(
    '/api/v1/inboxes/:id/secret',
    { config: { policy: adminRole }, schema: { tags, params: zIdParams, response: { 200: zInboxSecret } } },
    async (req) => {
      const admin = agentOf(req);
      const { rows } = await ctx.db.pool.query<{ secret: string }>(
        'SELECT secret FROM inboxes WHERE account_id = $1 AND id = $2',
        [admin.accountId, req.params.id],
      );
      if (!rows[0]) throw new AppError('not_found', 'inbox not found');
      await recordAudit(ctx.db.pool, admin, 'inbox.secret_viewed', { type: 'inbox', id: req.params.id });
      return { secret: rows[0].secret };
    },
  );

  app.post(
    '/api/v1/inboxes/:id/secret/rotate',
    { config: { policy: adminRole }, schema: { tags, params: zIdParams, response: { 200: zInboxSecret } } },
    async (req) => {
      const admin = agentOf(req);
      const { rows } = await ctx.db.pool.query<{ secret: string }>(
        'UPDATE inboxes SET secret = $3 WHERE account_id = $1 AND id = $2 RETURNING secret',
        [admin.accountId, req.params.id, newToken('wdsec')],
      );
      if (!rows[0]) throw new AppError('not_found', 'inbox not found');
      forgetWidgetInboxes(ctx.db.pool);
      await recordAudit(ctx.db.pool, admin, 'inbox.secret_rotated', { type: 'inbox', id: req.params.id });
      return { secret: rows[0].secret };
    },
  );
};
