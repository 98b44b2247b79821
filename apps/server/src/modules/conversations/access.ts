import type { Pool } from 'pg';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/errors.js';

/** Whose conversation it is: the customer side is one contact in one inbox. */
export type ConversationOwner = { accountId: string; inboxId: string; contactId: string };

/**
 * Who owns a conversation, cached (bounded) for hot socket paths like typing. Account and inbox never change;
 * the contact changes when contacts are merged, so a customer who seems not to own it is checked again.
 */
export class ConversationAccess {
  private readonly cache = new Map<string, ConversationOwner>();
  constructor(private readonly pool: Pool) {}

  async owner(conversationId: string, fresh = false): Promise<ConversationOwner | undefined> {
    const hit = fresh ? undefined : this.cache.get(conversationId);
    if (hit) return hit;
    const { rows } = await this.pool.query<{ account_id: string; inbox_id: string; contact_id: string }>(
      'SELECT account_id, inbox_id, contact_id FROM conversations WHERE id = $1',
      [conversationId],
    );
    const r = rows[0];
    if (!r) return undefined;
    if (this.cache.size >= 50_000) this.cache.clear();
    const owner = { accountId: r.account_id, inboxId: r.inbox_id, contactId: r.contact_id };
    this.cache.set(conversationId, owner);
    return owner;
  }

  /** Agents see their account's conversations; customers their contact's in the inbox of their session. */
  async assert(principal: Principal, conversationId: string): Promise<ConversationOwner> {
    let owner = await this.owner(conversationId);
    if (owner && principal.kind === 'customer' && !customerOwns(principal, owner)) {
      owner = await this.owner(conversationId, true);
    }
    const allowed =
      owner &&
      owner.accountId === principal.accountId &&
      (principal.kind === 'agent' || customerOwns(principal, owner));
    if (!owner || !allowed) throw new AppError('not_found', 'conversation not found');
    return owner;
  }
}

const customerOwns = (p: { contactId: string; inboxId: string }, owner: ConversationOwner) =>
  owner.contactId === p.contactId && owner.inboxId === p.inboxId;
