import type { Inbox, InboxType } from '@warmdesk/protocol';

export type InboxRow = {
  id: string;
  account_id: string;
  name: string;
  type: InboxType;
  public_key: string;
  config: Record<string, unknown>;
  created_at: Date;
};

export const INBOX_COLUMNS = 'id, account_id, name, type, public_key, config, created_at';

/** The HMAC secret never leaves through this presenter. */
export const presentInbox = (r: InboxRow): Inbox => ({
  id: r.id,
  accountId: r.account_id,
  name: r.name,
  type: r.type,
  publicKey: r.public_key,
  config: r.config,
  createdAt: r.created_at.toISOString(),
});
