import { z } from 'zod';

const zTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time like 09:00 (24:00 for midnight)');
const zDay = z.array(z.tuple([zTime, zTime])).max(4);

/** Zones found valid: building a formatter per check cost more than the rest of an inbox's settings parse. */
const validZones = new Set<string>();

function isTimeZone(tz: string): boolean {
  if (validZones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    return false;
  }
  // Only valid zones are kept, and there are a few hundred of them.
  validZones.add(tz);
  return true;
}

/**
 * When an inbox is staffed: weekly hours in the inbox's time zone, and dates it is closed. Outside them the widget
 * offers to leave a message. Disabled: always open.
 */
export const zBusinessHours = z.object({
  enabled: z.boolean().default(false),
  /** IANA time zone, e.g. Asia/Shanghai. */
  timezone: z.string().max(64).refine(isTimeZone, 'an IANA time zone like Asia/Shanghai').default('UTC'),
  /** Per weekday (mon..sun): opening ranges `[from, to]`, from < to. A missing day is closed. */
  weekly: z.partialRecord(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']), zDay).default({}),
  /** Closed dates (YYYY-MM-DD in the inbox's time zone), e.g. public holidays. */
  holidays: z
    .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/))
    .max(100)
    .default([]),
});
export type BusinessHours = z.infer<typeof zBusinessHours>;
