import { createHmac } from 'node:crypto';
import type { IdentifyBody, IdentifyResult } from '@warmdesk/protocol';
import type { CustomerPrincipal } from '../../platform/auth/principal.js';
import { safeEqual } from '../../platform/auth/tokens.js';
import { type AppContext, type Tx, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { mergeContactInto } from '../contacts/merge-contacts.js';

/** Identities a site vouches for through the widget; the same user id in any inbox of the account is one person. */
const WEB_CHANNEL = 'web';

/** What the site's backend computes: hex HMAC-SHA256 of the user id, keyed with the inbox secret. */
export const identityHmac = (secret: string, userId: string) =>
  createHmac('sha256', secret).update(userId).digest('hex');

/**
 * With a valid HMAC the identity is verified: the customer's session moves to the contact that holds it (an
 * anonymous session contact is merged into it, so the chat before logging in is kept), or the identity is
 * attached to the session's contact. Without one, the fields are kept as unverified attributes only.
 */
export async function identifyCustomer(
  ctx: AppContext,
  p: CustomerPrincipal,
  body: IdentifyBody,
): Promise<IdentifyResult> {
  const { rows } = await ctx.db.pool.query<{ secret: string }>(
    'SELECT secret FROM inboxes WHERE id = $1 AND account_id = $2',
    [p.inboxId, p.accountId],
  );
  const secret = rows[0]?.secret;
  if (!secret) throw new AppError('not_found', 'inbox not found');
  const verified = body.hmac !== undefined && safeEqual(identityHmac(secret, body.userId), body.hmac.toLowerCase());
  if (!verified) {
    await keepUnverified(ctx, p, body);
    return { verified: false, contactId: p.contactId, switched: false };
  }
  return transaction(ctx, async (tx) => {
    // One identity, one contact: two sessions verifying the same user at once must not create two.
    await tx.client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`identity:${p.accountId}:${body.userId}`]);
    const holder = await identityHolder(tx, p.accountId, body.userId);
    const sessionIsVerified = await hasVerifiedIdentity(tx, p.accountId, p.contactId);
    let contactId = p.contactId;
    if (holder && holder !== p.contactId) {
      if (sessionIsVerified) await moveSession(tx, p, holder);
      else
        await mergeContactInto(tx, { kind: 'system', accountId: p.accountId }, holder, p.contactId, {
          reason: 'verified_identity',
          userId: body.userId,
        });
      contactId = holder;
    } else if (!holder) {
      // Someone else was signed in on this browser before: the new person gets a contact of their own.
      if (sessionIsVerified) contactId = await moveSession(tx, p, await newContact(tx, p.accountId));
      await tx.client.query(
        `INSERT INTO contact_identities (account_id, contact_id, channel, external_id, verified)
         VALUES ($1, $2, $3, $4, true)`,
        [p.accountId, contactId, WEB_CHANNEL, body.userId],
      );
    }
    await tx.client.query(
      `UPDATE contacts SET name = COALESCE($3, name), email = COALESCE($4, email), phone = COALESCE($5, phone),
              updated_at = now()
        WHERE account_id = $1 AND id = $2`,
      [p.accountId, contactId, body.name ?? null, body.email ?? null, body.phone ?? null],
    );
    await tx.emit({
      accountId: p.accountId,
      type: 'contact.identified',
      payload: { contactId, inboxId: p.inboxId, userId: body.userId },
    });
    return { verified: true, contactId, switched: contactId !== p.contactId };
  });
}

async function keepUnverified(ctx: AppContext, p: CustomerPrincipal, body: IdentifyBody): Promise<void> {
  const attributes: Record<string, string> = { unverified_user_id: body.userId };
  if (body.name) attributes.unverified_name = body.name;
  if (body.email) attributes.unverified_email = body.email;
  if (body.phone) attributes.unverified_phone = body.phone;
  await ctx.db.pool.query(
    'UPDATE contacts SET attributes = attributes || $3::jsonb, updated_at = now() WHERE account_id = $1 AND id = $2',
    [p.accountId, p.contactId, JSON.stringify(attributes)],
  );
}

async function identityHolder(tx: Tx, accountId: string, userId: string): Promise<string | undefined> {
  const { rows } = await tx.client.query<{ contact_id: string }>(
    `SELECT contact_id FROM contact_identities
      WHERE account_id = $1 AND channel = $2 AND external_id = $3 AND verified`,
    [accountId, WEB_CHANNEL, userId],
  );
  return rows[0]?.contact_id;
}

async function hasVerifiedIdentity(tx: Tx, accountId: string, contactId: string): Promise<boolean> {
  const { rowCount } = await tx.client.query(
    'SELECT 1 FROM contact_identities WHERE account_id = $1 AND contact_id = $2 AND verified LIMIT 1',
    [accountId, contactId],
  );
  return Boolean(rowCount);
}

/** Points this browser session at another contact; the session's past conversations stay with the old one. */
async function moveSession(tx: Tx, p: CustomerPrincipal, contactId: string): Promise<string> {
  await tx.client.query('UPDATE contact_inboxes SET contact_id = $3 WHERE account_id = $1 AND id = $2', [
    p.accountId,
    p.contactInboxId,
    contactId,
  ]);
  return contactId;
}

async function newContact(tx: Tx, accountId: string): Promise<string> {
  const { rows } = await tx.client.query<{ id: string }>('INSERT INTO contacts (account_id) VALUES ($1) RETURNING id', [
    accountId,
  ]);
  const id = rows[0]?.id;
  if (!id) throw new AppError('internal', 'contact not created');
  return id;
}
