import dayjs from 'dayjs';
import type { TFunction } from 'i18next';

/** The fields of a routing activity (`action: 'routing'`, routing contract "Timeline"). */
type RoutingActivity = {
  decision: string;
  to: string | null;
  toName: string | null;
  by: string | null;
  reason: string | null;
  position: number | null;
  teamId: string | null;
};

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

export function routingActivityOf(a: Record<string, unknown>): RoutingActivity {
  return {
    decision: String(a.decision ?? ''),
    to: str(a.to),
    toName: str(a.toName),
    by: str(a.by),
    reason: str(a.reason),
    position: typeof a.position === 'number' ? a.position : null,
    teamId: str(a.teamId),
  };
}

/** Opening time: "09:00" on the day of the line, else with the date. */
function timeOf(iso: string | null, at: string): string {
  const d = dayjs(iso);
  if (!iso || !d.isValid()) return '';
  return d.format(d.isSame(at, 'day') ? 'HH:mm' : 'YYYY-MM-DD HH:mm');
}

/**
 * One routing decision as a sentence: "Routed to Alice (least load)", "Queued at position 3", "Taken from the queue
 * by Bob"... Unknown decisions return null (the message's own text shows).
 */
export function describeRouting(
  a: RoutingActivity,
  t: TFunction,
  names: { user: (id: unknown) => string; team: (id: unknown) => string },
  createdAt: string,
): string | null {
  const to = a.toName ?? names.user(a.to);
  switch (a.decision) {
    case 'assigned': {
      const reason = a.reason ? t(`routing.reasons.${a.reason}`, { defaultValue: a.reason }) : '';
      return reason ? t('routing.assignedBecause', { to, reason }) : t('routing.assigned', { to });
    }
    case 'queued':
      return a.position ? t('routing.queuedAt', { position: a.position }) : t('routing.queued');
    case 'requeued':
      return t('routing.requeued');
    case 'deferred': {
      const time = timeOf(a.reason, createdAt);
      return time ? t('routing.deferredUntil', { time }) : t('routing.deferred');
    }
    case 'reopened_hours':
      return a.position ? t('routing.reopenedAt', { position: a.position }) : t('routing.reopened');
    case 'overflow':
      return t('routing.overflow');
    case 'spilled':
      return t('routing.spilled', { team: names.team(a.teamId) });
    case 'abandoned':
      return t('routing.abandoned');
    case 'callback':
      return t('routing.callback');
    case 'bot_assist':
      return t('routing.botAssist');
    case 'picked':
      return !a.by || a.by === a.to
        ? t('routing.picked', { to })
        : t('routing.pickedFor', { by: names.user(a.by), to });
    default:
      return null;
  }
}
