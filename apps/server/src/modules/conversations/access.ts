import type { Pool } from 'pg';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/errors.js';

type Owner = { accountId: string; contactInboxId: string | null };

/** Who owns a conversation; immutable, so cached (bounded) for hot socket paths like typing. */
export class ConversationAccess {
  private readonly cache = new Map<string, Owner>();
  constructor(private readonly pool: Pool) {}

  async owner(conversationId: string): Promise<Owner | undefined> {
    const hit = this.cache.get(conversationId);
    if (hit) return hit;
    const { rows } = await this.pool.query<{ account_id: string; contact_inbox_id: string | null }>(
      'SELECT account_id, contact_inbox_id FROM conversations WHERE id = $1',
      [conversationId],
    );
    const r = rows[0];
    if (!r) return undefined;
    if (this.cache.size >= 50_000) this.cache.clear();
    const owner = { accountId: r.account_id, contactInboxId: r.contact_inbox_id };
    this.cache.set(conversationId, owner);
    return owner;
  }

  /** Agents see their account's conversations; customers only their own session's. */
  async assert(principal: Principal, conversationId: string): Promise<Owner> {
    const owner = await this.owner(conversationId);
    const allowed =
      owner &&
      owner.accountId === principal.accountId &&
      (principal.kind === 'agent' || owner.contactInboxId === principal.contactInboxId);
    if (!owner || !allowed) throw new AppError('not_found', 'conversation not found');
    return owner;
  }
}
