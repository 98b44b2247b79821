import type { Contact } from '@warmdesk/protocol';

export type ContactRow = {
  id: string;
  account_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  attributes: Record<string, string | number | boolean | null>;
  merged_into_id: string | null;
  identities: { channel: string; externalId: string; verified: boolean }[];
  created_at: Date;
  updated_at: Date;
};

export const CONTACT_SELECT = `
  SELECT c.*, COALESCE((SELECT json_agg(json_build_object('channel', i.channel, 'externalId', i.external_id, 'verified', i.verified)
                          ORDER BY i.created_at)
                          FROM contact_identities i WHERE i.contact_id = c.id), '[]') AS identities
    FROM contacts c`;

export const presentContact = (r: ContactRow): Contact => ({
  id: r.id,
  accountId: r.account_id,
  name: r.name,
  email: r.email,
  phone: r.phone,
  attributes: r.attributes,
  identities: r.identities,
  mergedIntoId: r.merged_into_id,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});
