import type { BusinessHours, PreChatField, ProactiveRule, WidgetSettings } from '@warmdesk/protocol';
import dayjs, { type Dayjs } from 'dayjs';
import type { NamePath } from '../../shared/api-errors';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];
export type TimeRange = { from: string; to: string };

/** WidgetSettings as the form edits them: weekly hours as `{from, to}` rows, holidays as dates, no nulls. */
export type WidgetFormValues = Omit<WidgetSettings, 'logoUrl' | 'businessHours'> & {
  logoUrl: string;
  businessHours: Omit<BusinessHours, 'weekly' | 'holidays'> & { weekly: Record<Day, TimeRange[]>; holidays: Dayjs[] };
};

/** The same defaults as zWidgetSettings (packages/protocol/src/widget.ts). */
export const WIDGET_DEFAULTS: WidgetSettings = {
  color: '#1f6feb',
  position: 'right',
  title: '',
  greeting: '',
  logoUrl: null,
  locale: 'auto',
  allowedOrigins: [],
  preChat: { enabled: false, fields: [] },
  proactive: [],
  businessHours: { enabled: false, timezone: 'UTC', weekly: {}, holidays: [] },
  csat: true,
  sound: true,
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The widget settings kept in an inbox's `config.widget`, with defaults for what is missing. */
export function widgetSettingsOf(config: Record<string, unknown>): WidgetSettings {
  const raw = isRecord(config.widget) ? (config.widget as Partial<WidgetSettings>) : {};
  return {
    ...WIDGET_DEFAULTS,
    ...raw,
    preChat: { ...WIDGET_DEFAULTS.preChat, ...(isRecord(raw.preChat) ? raw.preChat : {}) },
    businessHours: {
      ...WIDGET_DEFAULTS.businessHours,
      ...(isRecord(raw.businessHours) ? raw.businessHours : {}),
    },
  };
}

export function toFormValues(s: WidgetSettings): WidgetFormValues {
  const weekly = Object.fromEntries(
    DAYS.map((d) => [d, (s.businessHours.weekly[d] ?? []).map(([from, to]) => ({ from, to }))]),
  ) as Record<Day, TimeRange[]>;
  return {
    ...s,
    logoUrl: s.logoUrl ?? '',
    businessHours: { ...s.businessHours, weekly, holidays: s.businessHours.holidays.map((h) => dayjs(h)) },
  };
}

const trimmed = (s: string | undefined) => (s ?? '').trim();

/** The form's values as WidgetSettings to save (text trimmed, empty optional parts dropped). */
export function fromFormValues(v: WidgetFormValues): WidgetSettings {
  const weekly: BusinessHours['weekly'] = {};
  for (const d of DAYS) {
    const ranges = v.businessHours.weekly[d] ?? [];
    if (ranges.length) weekly[d] = ranges.map((r) => [r.from, r.to] as [string, string]);
  }
  const fields: PreChatField[] = (v.preChat.fields ?? []).map((f) => ({
    key: trimmed(f.key),
    type: f.type,
    label: trimmed(f.label),
    required: Boolean(f.required),
    ...(f.type === 'topic' ? { options: (f.options ?? []).map((o) => o.trim()).filter(Boolean) } : {}),
  }));
  const proactive: ProactiveRule[] = (v.proactive ?? []).map((r) => ({
    urlContains: trimmed(r.urlContains),
    afterSeconds: r.afterSeconds ?? 0,
    returningOnly: Boolean(r.returningOnly),
    message: trimmed(r.message),
  }));
  return {
    color: v.color,
    position: v.position,
    title: trimmed(v.title),
    greeting: trimmed(v.greeting),
    logoUrl: trimmed(v.logoUrl) || null,
    locale: v.locale,
    allowedOrigins: v.allowedOrigins ?? [],
    preChat: { enabled: Boolean(v.preChat.enabled), fields },
    proactive,
    businessHours: {
      enabled: Boolean(v.businessHours.enabled),
      timezone: v.businessHours.timezone,
      weekly,
      holidays: [...new Set((v.businessHours.holidays ?? []).map((d) => d.format('YYYY-MM-DD')))].sort(),
    },
    csat: Boolean(v.csat),
    sound: Boolean(v.sound),
  };
}

/**
 * Where a server issue about `config.widget.<segments>` shows in the form. List items edited by one control
 * (origins, holidays, topic options) show on that control; a weekly range's `0`/`1` on its from/to field.
 */
export function formNameOf(segments: NamePath): NamePath | null {
  const [head, second, third, fourth, fifth] = segments;
  if (head === 'allowedOrigins') return ['allowedOrigins'];
  if (head === 'preChat' && second === 'fields' && typeof third === 'number' && fourth === 'options') {
    return ['preChat', 'fields', third, 'options'];
  }
  if (head === 'businessHours' && second === 'holidays') return ['businessHours', 'holidays'];
  if (head === 'businessHours' && second === 'weekly') {
    if (typeof fourth === 'number' && (fifth === 0 || fifth === 1)) {
      return ['businessHours', 'weekly', third ?? '', fourth, fifth === 0 ? 'from' : 'to'];
    }
    return null;
  }
  return segments;
}

/** `HH:MM` every half hour, and 24:00 for midnight at the end of a day. */
export const TIME_OPTIONS = [
  ...Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`),
  '24:00',
].map((v) => ({ value: v, label: v }));

export const ORIGIN_PATTERN = /^https?:\/\/[a-zA-Z0-9.-]+(:\d{1,5})?$/;
export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
export const PRECHAT_KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** Dark text on a light colour, white otherwise (as the widget's launcher does). */
export function foregroundOn(color: string): string {
  if (!HEX_COLOR.test(color)) return '#fff';
  const n = Number.parseInt(color.slice(1), 16);
  return (n >> 16) * 299 + ((n >> 8) & 255) * 587 + (n & 255) * 114 > 160_000 ? '#111' : '#fff';
}
