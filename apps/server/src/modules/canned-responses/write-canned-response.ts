import type { AgentPrincipal } from '../../platform/auth/principal.js';
import { type AppContext, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { CANNED_COLUMNS, type CannedResponseRow } from './presenter.js';

const duplicate = (err: unknown) =>
  (err as { code?: string }).code === '23505'
    ? new AppError('conflict', 'a canned response with this short code exists')
    : err;

export async function createCannedResponse(
  ctx: AppContext,
  admin: AgentPrincipal,
  body: { shortCode: string; content: string },
): Promise<CannedResponseRow> {
  return transaction(ctx, async (tx) => {
    const { rows } = await tx.client
      .query<CannedResponseRow>(
        `INSERT INTO canned_responses (account_id, short_code, content) VALUES ($1, $2, $3) RETURNING ${CANNED_COLUMNS}`,
        [admin.accountId, body.shortCode, body.content],
      )
      .catch((e) => Promise.reject(duplicate(e)));
    const row = rows[0];
    if (!row) throw new AppError('internal', 'canned response not created');
    await recordAudit(
      tx.client,
      admin,
      'canned_response.created',
      { type: 'canned_response', id: row.id },
      {
        shortCode: row.short_code,
      },
    );
    return row;
  });
}

export async function updateCannedResponse(
  ctx: AppContext,
  admin: AgentPrincipal,
  id: string,
  body: { shortCode?: string; content?: string },
): Promise<CannedResponseRow> {
  return transaction(ctx, async (tx) => {
    const { rows } = await tx.client
      .query<CannedResponseRow>(
        `UPDATE canned_responses SET short_code = COALESCE($3, short_code), content = COALESCE($4, content),
                updated_at = now()
          WHERE account_id = $1 AND id = $2 RETURNING ${CANNED_COLUMNS}`,
        [admin.accountId, id, body.shortCode ?? null, body.content ?? null],
      )
      .catch((e) => Promise.reject(duplicate(e)));
    const row = rows[0];
    if (!row) throw new AppError('not_found', 'canned response not found');
    await recordAudit(
      tx.client,
      admin,
      'canned_response.updated',
      { type: 'canned_response', id },
      {
        shortCode: row.short_code,
        contentChanged: body.content !== undefined,
      },
    );
    return row;
  });
}

export async function deleteCannedResponse(ctx: AppContext, admin: AgentPrincipal, id: string): Promise<void> {
  await transaction(ctx, async (tx) => {
    const { rows } = await tx.client.query<{ short_code: string }>(
      'DELETE FROM canned_responses WHERE account_id = $1 AND id = $2 RETURNING short_code',
      [admin.accountId, id],
    );
    if (!rows[0]) throw new AppError('not_found', 'canned response not found');
    await recordAudit(
      tx.client,
      admin,
      'canned_response.deleted',
      { type: 'canned_response', id },
      {
        shortCode: rows[0].short_code,
      },
    );
  });
}
