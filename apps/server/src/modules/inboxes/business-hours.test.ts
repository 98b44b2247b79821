import { zBusinessHours } from '@warmdesk/protocol';
import { describe, expect, it } from 'vitest';
import { isWithinBusinessHours, nextOpening } from './business-hours.js';

const shanghai = zBusinessHours.parse({
  enabled: true,
  timezone: 'Asia/Shanghai',
  weekly: {
    mon: [
      ['09:00', '12:00'],
      ['13:30', '18:00'],
    ],
    sat: [['10:00', '16:00']],
  },
  holidays: ['2026-10-01'],
});

describe('business hours', () => {
  it('follow the inbox time zone, lunch breaks and closed days', () => {
    // Monday 2026-11-23 10:00 in Shanghai is 02:00 UTC.
    expect(isWithinBusinessHours(shanghai, new Date('2026-11-23T02:00:00Z'))).toBe(true);
    // 12:30 Shanghai: lunch.
    expect(isWithinBusinessHours(shanghai, new Date('2026-11-23T04:30:00Z'))).toBe(false);
    // 18:00 Shanghai: just closed.
    expect(isWithinBusinessHours(shanghai, new Date('2026-11-23T10:00:00Z'))).toBe(false);
    // Sunday: closed all day; Saturday 11:00 open.
    expect(isWithinBusinessHours(shanghai, new Date('2026-11-22T03:00:00Z'))).toBe(false);
    expect(isWithinBusinessHours(shanghai, new Date('2026-11-28T03:00:00Z'))).toBe(true);
    // Sunday 17:30 UTC is Monday 01:30 in Shanghai: before opening. A holiday on a working day: closed.
    expect(isWithinBusinessHours(shanghai, new Date('2026-11-22T17:30:00Z'))).toBe(false);
    expect(
      isWithinBusinessHours({ ...shanghai, weekly: { thu: [['00:00', '24:00']] } }, new Date('2026-10-01T04:00:00Z')),
    ).toBe(false);
    expect(
      isWithinBusinessHours({ ...shanghai, weekly: { thu: [['00:00', '24:00']] } }, new Date('2026-10-08T04:00:00Z')),
    ).toBe(true);
  });

  it('are always open when not enabled, and refuse a bad time zone or time', () => {
    expect(isWithinBusinessHours(zBusinessHours.parse({}), new Date())).toBe(true);
    expect(zBusinessHours.safeParse({ timezone: 'Mars/Base' }).success).toBe(false);
    expect(zBusinessHours.safeParse({ weekly: { mon: [['9:00', '18:00']] } }).success).toBe(false);
  });

  it('know when the inbox opens next: after lunch, after the weekend, across daylight saving', () => {
    const at = (iso: string) => nextOpening(shanghai, new Date(iso))?.toISOString();
    // Monday 12:30 Shanghai -> 13:30 the same day.
    expect(at('2026-11-23T04:30:00Z')).toBe('2026-11-23T05:30:00.000Z');
    // Monday 18:00 -> Saturday 10:00 (no hours Tuesday to Friday).
    expect(at('2026-11-23T10:00:00Z')).toBe('2026-11-28T02:00:00.000Z');
    // Sunday -> Monday 09:00. Open now -> now.
    expect(at('2026-11-22T03:00:00Z')).toBe('2026-11-23T01:00:00.000Z');
    expect(at('2026-11-23T02:00:00Z')).toBe('2026-11-23T02:00:00.000Z');
    const newYork = zBusinessHours.parse({
      enabled: true,
      timezone: 'America/New_York',
      weekly: { mon: [['09:00', '17:00']] },
    });
    // Clocks go forward on Sunday 2026-03-08: Monday 09:00 is 13:00 UTC (EDT), a week earlier it was 14:00 (EST).
    expect(nextOpening(newYork, new Date('2026-03-08T12:00:00Z'))?.toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(nextOpening(newYork, new Date('2026-03-01T12:00:00Z'))?.toISOString()).toBe('2026-03-02T14:00:00.000Z');
    expect(nextOpening(zBusinessHours.parse({ enabled: true, weekly: {} }), new Date())).toBeNull();
  });
});
