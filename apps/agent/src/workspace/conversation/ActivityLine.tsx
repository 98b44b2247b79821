import type { Message } from '@warmdesk/protocol';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useTeams, useUsers } from '../../api/queries';
import { describeBotActivity } from './bot/botActivity';
import { callActivityOf, describeCall } from './callActivity';
import { describeRouting, routingActivityOf } from './routingActivity';

type Activity = { action: string; from: unknown; to: unknown; by: string | null; note?: string };

function activityOf(message: Message): Activity | null {
  const a = message.attachments[0];
  if (a?.type !== 'activity' || typeof a.action !== 'string') return null;
  return {
    action: a.action,
    from: a.from,
    to: a.to,
    by: typeof a.by === 'string' ? a.by : null,
    note: typeof a.note === 'string' ? a.note : undefined,
  };
}

const list = (v: unknown) => (Array.isArray(v) ? v.map(String).join(', ') : '');

function describe(
  a: Activity,
  t: TFunction,
  actor: string,
  userName: (id: unknown) => string,
  teamName: (id: unknown) => string,
) {
  switch (a.action) {
    case 'status':
      return t('activity.status', { actor, to: t(`status.${String(a.to)}`, { defaultValue: String(a.to) }) });
    case 'assignee':
      return a.to ? t('activity.assigned', { actor, to: userName(a.to) }) : t('activity.unassigned', { actor });
    case 'team':
      return a.to ? t('activity.team', { actor, to: teamName(a.to) }) : t('activity.teamRemoved', { actor });
    case 'priority':
      return t('activity.priority', { actor, to: t(`priority.${String(a.to)}`, { defaultValue: String(a.to) }) });
    case 'labels':
      return list(a.to) ? t('activity.labels', { actor, to: list(a.to) }) : t('activity.labelsCleared', { actor });
    default:
      return null;
  }
}

/** A change to the conversation (status, owner, team, priority, labels, routing) as a small centred line. */
export function ActivityLine({ message }: { message: Message }) {
  const { t } = useTranslation('workspace');
  const users = useUsers().data ?? [];
  const teams = useTeams().data ?? [];
  const activity = activityOf(message);
  const userName = (id: unknown) => users.find((u) => u.id === id)?.name ?? t('activity.someone');
  const teamName = (id: unknown) => teams.find((x) => x.id === id)?.name ?? t('activity.someTeam');
  const actor = activity?.by ? userName(activity.by) : t('activity.system');
  const raw = message.attachments[0];
  const call = callActivityOf(raw);
  const text =
    (call
      ? describeCall(call, t, (id) => users.find((u) => u.id === id)?.name ?? null)
      : activity?.action === 'routing' && raw
        ? describeRouting(routingActivityOf(raw), t, { user: userName, team: teamName }, message.createdAt)
        : activity?.action === 'bot' && raw
          ? describeBotActivity(raw, t)
          : activity && describe(activity, t, actor, userName, teamName)) ?? message.content;
  return (
    <div
      className="wd-activity"
      data-testid="activity"
      data-action={activity?.action}
      data-decision={activity?.action === 'routing' ? String(raw?.decision ?? '') : undefined}
      data-event={activity?.action === 'bot' || call ? String(raw?.event ?? '') : undefined}
      data-call-id={call?.callId}
      data-seq={message.seq}
    >
      <span>
        {text}
        {activity?.note ? ` — “${activity.note}”` : ''} · {dayjs(message.createdAt).format('HH:mm')}
      </span>
    </div>
  );
}
