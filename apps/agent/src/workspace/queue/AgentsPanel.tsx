import type { RoutingAgent } from '@warmdesk/protocol';
import { Badge, Card, Progress, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { shortTime } from '../format';

const STATUS_ORDER = { online: 0, busy: 1, away: 2, offline: 3 } as const;
const BADGE = { online: 'success', busy: 'processing', away: 'warning', offline: 'default' } as const;

/** Supervisors: every agent's status, whether their workspace is open, and their load against capacity. */
export function AgentsPanel({ agents, loading }: { agents: RoutingAgent[]; loading: boolean }) {
  const { t } = useTranslation('workspace');
  const { t: tc } = useTranslation();
  const sorted = [...agents].sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.load - a.load || a.name.localeCompare(b.name),
  );
  return (
    <Card
      size="small"
      title={t('queue.agents')}
      loading={loading}
      style={{ flex: '1 1 360px' }}
      data-testid="routing-agents"
    >
      {sorted.length === 0 && <Typography.Text type="secondary">{t('queue.noAgents')}</Typography.Text>}
      {sorted.map((a) => {
        const full = a.capacity > 0 && a.load >= a.capacity;
        return (
          <div
            key={a.id}
            style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '4px 0' }}
            data-testid="routing-agent"
            data-agent-id={a.id}
          >
            <span
              style={{ width: 150, flex: 'none', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
            >
              <Tooltip title={a.lastAssignedAt ? t('queue.lastAssigned', { time: shortTime(a.lastAssignedAt) }) : null}>
                <Badge status={BADGE[a.status]} text={a.name} />
              </Tooltip>
            </span>
            <Typography.Text type="secondary" style={{ width: 150, flex: 'none', fontSize: 12, whiteSpace: 'nowrap' }}>
              {tc(`status.${a.status}`)}
              {a.connected ? '' : ` · ${t('queue.disconnected')}`}
            </Typography.Text>
            <Progress
              percent={a.capacity > 0 ? Math.min(100, (a.load / a.capacity) * 100) : 100}
              status={full ? 'exception' : 'normal'}
              showInfo={false}
              size="small"
              style={{ flex: 1, margin: 0, minWidth: 80 }}
            />
            <span
              style={{ width: 44, flex: 'none', textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}
              data-testid="routing-agent-load"
            >
              {a.load}/{a.capacity}
            </span>
          </div>
        );
      })}
    </Card>
  );
}
