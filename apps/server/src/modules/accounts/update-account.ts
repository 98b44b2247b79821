import type { AgentPrincipal } from '../../platform/auth/principal.js';
import { type AppContext, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { ACCOUNT_COLUMNS, type AccountRow } from './presenter.js';

export type AccountPatch = {
  name?: string;
  locale?: 'zh-CN' | 'en';
  timezone?: string;
  awayAfterDisconnectSeconds?: number;
};

/** Admins change their account's name, default language and time zone; audited. */
export async function updateAccount(ctx: AppContext, admin: AgentPrincipal, patch: AccountPatch): Promise<AccountRow> {
  return transaction(ctx, async (tx) => {
    const { rows } = await tx.client.query<AccountRow>(
      `UPDATE accounts SET name = COALESCE($2, name), locale = COALESCE($3, locale), timezone = COALESCE($4, timezone),
              away_after_disconnect_seconds = COALESCE($5, away_after_disconnect_seconds)
        WHERE id = $1 RETURNING ${ACCOUNT_COLUMNS}`,
      [
        admin.accountId,
        patch.name ?? null,
        patch.locale ?? null,
        patch.timezone ?? null,
        patch.awayAfterDisconnectSeconds ?? null,
      ],
    );
    const row = rows[0];
    if (!row) throw new AppError('not_found', 'account not found');
    await recordAudit(tx.client, admin, 'account.updated', { type: 'account', id: admin.accountId }, patch);
    return row;
  });
}
