import type { AccountSettings } from '@warmdesk/protocol';

export type AccountRow = { id: string; name: string; locale: string; timezone: string };

export const ACCOUNT_COLUMNS = 'id, name, locale, timezone';

export const presentAccountSettings = (a: AccountRow): AccountSettings => ({
  id: a.id,
  name: a.name,
  locale: a.locale === 'en' ? 'en' : 'zh-CN',
  timezone: a.timezone,
});
