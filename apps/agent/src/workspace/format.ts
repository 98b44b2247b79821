import type { ConversationListItem } from '@warmdesk/protocol';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';

type ContactLike = Pick<ConversationListItem['contact'], 'name' | 'email' | 'phone'> | undefined | null;

/** A contact's name, else email or phone, else "Visitor". */
export function contactName(contact: ContactLike, t: TFunction): string {
  return contact?.name || contact?.email || contact?.phone || t('workspace:contact.anonymous');
}

/** Today: the time; this year: month and day; older: the date. */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  const now = dayjs();
  if (d.isSame(now, 'day')) return d.format('HH:mm');
  if (d.isSame(now, 'year')) return d.format('MM-DD');
  return d.format('YYYY-MM-DD');
}

/** 75 -> "1:15", 3700 -> "1:01:40". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export const STATUS_COLOR: Record<string, string> = {
  open: 'blue',
  pending: 'orange',
  snoozed: 'purple',
  resolved: 'green',
  closed: 'default',
};

export const PRIORITY_COLOR: Record<string, string> = {
  none: 'default',
  low: 'cyan',
  medium: 'gold',
  high: 'orange',
  urgent: 'red',
};
