import type { AccountSettings } from '@warmdesk/protocol';

export type AccountRow = {
  id: string;
  name: string;
  locale: string;
  timezone: string;
  away_after_disconnect_seconds: number;
};

export const ACCOUNT_COLUMNS = 'id, name, locale, timezone, away_after_disconnect_seconds';

export const presentAccountSettings = (a: AccountRow): AccountSettings => ({
  id: a.id,
  name: a.name,
  locale: a.locale === 'en' ? 'en' : 'zh-CN',
  timezone: a.timezone,
  awayAfterDisconnectSeconds: a.away_after_disconnect_seconds,
});
