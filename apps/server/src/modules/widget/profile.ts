import type { ProfileBody } from '@warmdesk/protocol';
import type { CustomerPrincipal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';

/** Fills only the contact's empty fields: what a verified identity or an agent set is not overwritten. */
export async function fillContactProfile(ctx: AppContext, c: CustomerPrincipal, profile: ProfileBody): Promise<void> {
  await ctx.db.pool.query(
    `UPDATE contacts SET name = COALESCE(name, $3), email = COALESCE(email, $4), phone = COALESCE(phone, $5),
            updated_at = now()
      WHERE account_id = $1 AND id = $2`,
    [c.accountId, c.contactId, profile.name ?? null, profile.email ?? null, profile.phone ?? null],
  );
}
