import type { CallParty } from '@warmdesk/protocol';
import type { Pool } from 'pg';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/errors.js';
import type { ConversationAccess } from '../conversations/access.js';
import type { CallRow } from './presenter.js';
import { findCall } from './queries.js';

export const partyOf = (p: Principal): CallParty => (p.kind === 'agent' ? 'agent' : 'customer');

/** The name in timeline lines: the agent's, or the customer's if known. */
export async function actorName(db: Pool, p: Principal): Promise<string | null> {
  if (p.kind === 'agent') return p.name;
  const { rows } = await db.query<{ name: string | null }>(
    'SELECT name FROM contacts WHERE account_id = $1 AND id = $2',
    [p.accountId, p.contactId],
  );
  return rows[0]?.name ?? null;
}

/**
 * A call the principal may see: of their account, and for customers of their own conversation. Anything else is
 * the same 404 as an unknown id.
 */
export async function visibleCall(
  db: Pool,
  access: ConversationAccess,
  p: Principal,
  callId: string,
): Promise<{ row: CallRow; party: CallParty }> {
  const row = await findCall(db, p.accountId, callId);
  if (!row) throw new AppError('not_found', 'call not found');
  if (p.kind === 'customer') {
    await access.assert(p, row.conversation_id).catch(() => {
      throw new AppError('not_found', 'call not found');
    });
  }
  return { row, party: partyOf(p) };
}

/** The principal is a side of the call: the customer of its conversation, or the agent in it. */
export function isInCall(row: CallRow, p: Principal): boolean {
  return p.kind === 'customer' || row.agent_user_id === p.userId;
}
