import type { CallActivity, CallQuality } from '@warmdesk/protocol';
import type { TFunction } from 'i18next';
import '../../i18n/calls';
import { duration } from '../format';

/** "850 kbps, 0.2 % loss, 40 ms" (the agent's side when measured, else the customer's). */
export function qualitySummary(q: CallQuality, t: TFunction): string {
  return t('calls:quality.summary', {
    kbps: Math.round(q.bitrateKbps),
    loss: q.packetLossPct.toFixed(1),
    rtt: q.rttMs === null ? '—' : Math.round(q.rttMs),
  });
}

const EVENTS: readonly string[] = [
  'started',
  'accepted',
  'ended',
  'missed',
  'declined',
  'cancelled',
  'snapshot',
  'recording',
] satisfies CallActivity['event'][];

const isQuality = (v: unknown): v is CallQuality =>
  typeof v === 'object' && v !== null && typeof (v as CallQuality).bitrateKbps === 'number';

/**
 * The call event of a timeline line (`action: 'call'`, zCallActivity), null for anything else. Checked by hand:
 * the workspace does not ship zod for one line.
 */
export function callActivityOf(raw: Record<string, unknown> | undefined): CallActivity | null {
  if (raw?.action !== 'call' || typeof raw.event !== 'string' || !EVENTS.includes(raw.event)) return null;
  const q = typeof raw.quality === 'object' && raw.quality !== null ? (raw.quality as Record<string, unknown>) : {};
  return {
    type: 'activity',
    action: 'call',
    callId: String(raw.callId ?? ''),
    event: raw.event as CallActivity['event'],
    media: raw.media === 'video' ? 'video' : 'voice',
    initiator: raw.initiator === 'agent' ? 'agent' : 'customer',
    by: typeof raw.by === 'string' && raw.by ? raw.by : null,
    durationSeconds: typeof raw.durationSeconds === 'number' ? raw.durationSeconds : null,
    endReason: typeof raw.endReason === 'string' ? (raw.endReason as CallActivity['endReason']) : null,
    quality: {
      agent: isQuality(q.agent) ? q.agent : null,
      customer: isQuality(q.customer) ? q.customer : null,
    },
  };
}

/**
 * One call event as a sentence: "Video call started by Alice", "Call accepted", "Call ended · 12:03 · 850 kbps,
 * 0.2 % loss, 40 ms", "Missed call", "Declined". `by` is a user id (or a name when the server gives one).
 */
export function describeCall(a: CallActivity, t: TFunction, userName: (id: string) => string | null): string {
  const name = a.by ? (userName(a.by) ?? a.by) : t('calls:activity.someone');
  const length = duration(a.durationSeconds ?? 0);
  switch (a.event) {
    case 'started':
      return a.initiator === 'customer'
        ? t(`calls:activity.startedByCustomer.${a.media}`)
        : t(`calls:activity.startedBy.${a.media}`, { name });
    case 'accepted':
      return a.by && a.initiator === 'customer'
        ? t('calls:activity.acceptedBy', { name })
        : t('calls:activity.accepted');
    case 'ended': {
      if (a.endReason === 'failed') return t('calls:activity.failed');
      if (a.endReason === 'dropped') return t('calls:activity.dropped', { duration: length });
      const q = a.quality?.agent ?? a.quality?.customer;
      return q
        ? t('calls:activity.endedQuality', { duration: length, quality: qualitySummary(q, t) })
        : t('calls:activity.ended', { duration: length });
    }
    case 'missed':
      return t('calls:activity.missed');
    case 'declined':
      return t('calls:activity.declined');
    case 'cancelled':
      return t('calls:activity.cancelled');
    case 'snapshot':
      return t('calls:activity.snapshot', { name });
    case 'recording':
      return t('calls:activity.recording', { name });
  }
}
