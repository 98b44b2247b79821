import type { AgentPrincipal } from '../../platform/auth/principal.js';
import { type AppContext, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { LABEL_COLUMNS, type LabelRow } from './presenter.js';

export async function createLabel(
  ctx: AppContext,
  admin: AgentPrincipal,
  body: { name: string; color: string; description: string },
): Promise<LabelRow> {
  return transaction(ctx, async (tx) => {
    const { rows } = await tx.client
      .query<LabelRow>(
        `INSERT INTO labels (account_id, name, color, description) VALUES ($1, $2, $3, $4) RETURNING ${LABEL_COLUMNS}`,
        [admin.accountId, body.name, body.color, body.description],
      )
      .catch((err) =>
        Promise.reject(
          (err as { code?: string }).code === '23505' ? new AppError('conflict', 'a label with this name exists') : err,
        ),
      );
    const row = rows[0];
    if (!row) throw new AppError('internal', 'label not created');
    await recordAudit(tx.client, admin, 'label.created', { type: 'label', id: row.id }, { name: row.name });
    return row;
  });
}

export async function updateLabel(
  ctx: AppContext,
  admin: AgentPrincipal,
  id: string,
  body: { color?: string; description?: string },
): Promise<LabelRow> {
  return transaction(ctx, async (tx) => {
    const { rows } = await tx.client.query<LabelRow>(
      `UPDATE labels SET color = COALESCE($3, color), description = COALESCE($4, description)
        WHERE account_id = $1 AND id = $2 RETURNING ${LABEL_COLUMNS}`,
      [admin.accountId, id, body.color ?? null, body.description ?? null],
    );
    const row = rows[0];
    if (!row) throw new AppError('not_found', 'label not found');
    await recordAudit(tx.client, admin, 'label.updated', { type: 'label', id }, { name: row.name, ...body });
    return row;
  });
}
