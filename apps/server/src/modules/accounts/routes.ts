import { zAccountSettings, zUpdateAccountBody } from '@warmdesk/protocol';
import { AppError } from '../../platform/errors.js';
import { agentOf } from '../../platform/http/policy.js';
import { adminRole, agentRole, type RegisterRoutes } from '../../platform/http/routes.js';
import { ACCOUNT_COLUMNS, type AccountRow, presentAccountSettings } from './presenter.js';
import { updateAccount } from './update-account.js';

const tags = ['account'];

/** The caller's account settings: every agent reads them, admins change them. */
export const accountRoutes: RegisterRoutes = (app, ctx) => {
  app.get(
    '/api/v1/account',
    { config: { policy: agentRole }, schema: { tags, response: { 200: zAccountSettings } } },
    async (req) => {
      const { rows } = await ctx.db.pool.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = $1`, [
        agentOf(req).accountId,
      ]);
      if (!rows[0]) throw new AppError('not_found', 'account not found');
      return presentAccountSettings(rows[0]);
    },
  );

  app.patch(
    '/api/v1/account',
    { config: { policy: adminRole }, schema: { tags, body: zUpdateAccountBody, response: { 200: zAccountSettings } } },
    async (req) => presentAccountSettings(await updateAccount(ctx, agentOf(req), req.body)),
  );
};
