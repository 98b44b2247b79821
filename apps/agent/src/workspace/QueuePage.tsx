import { Alert, Card, Select, Space, Statistic } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInboxes, useQueue, useRoutingAgents, useRoutingReport } from '../api/queries';
import { hasRole, useCurrentUser } from '../auth/session';
import { useQueueCalls } from './call/QueueCallTag';
import { duration } from './format';
import { AgentsPanel } from './queue/AgentsPanel';
import { QueueTable } from './queue/QueueTable';
import { RoutingReportCard } from './queue/RoutingReportCard';
import { useQueueLive } from './queue/useQueueLive';
import { useNow } from './useNow';

/**
 * Customers waiting for an agent, in queue order, live: every agent can take one; supervisors and admins also
 * assign them, and see the agents' loads and today's routing figures.
 */
export function QueuePage() {
  const { t } = useTranslation('workspace');
  const me = useCurrentUser();
  const supervisor = hasRole(me, 'supervisor');
  const now = useNow(1_000);
  const [inboxId, setInboxId] = useState<string | undefined>();
  const inboxes = useInboxes().data ?? [];
  const queue = useQueue(inboxId);
  const agents = useRoutingAgents(supervisor);
  const today = useMemo(() => dayjs().startOf('day').toISOString(), []);
  const report = useRoutingReport(today, supervisor);
  useQueueLive();

  const entries = queue.data?.items ?? [];
  useQueueCalls(entries);
  const waiting = entries.filter((e) => e.position !== null && !e.deferredUntil);
  const oldest = Math.min(...waiting.map((e) => (e.queuedAt ? Date.parse(e.queuedAt) : now)));
  const estimate = queue.data?.estimatedWaitSeconds;

  return (
    <div style={{ padding: 16, overflow: 'auto', height: '100%' }}>
      <Space wrap size={16} style={{ marginBottom: 16 }}>
        <Card size="small">
          <Statistic title={t('queue.waiting')} value={waiting.length} data-testid="queue-waiting" />
        </Card>
        <Card size="small">
          <Statistic
            title={t('queue.longest')}
            value={waiting.length ? duration((now - oldest) / 1000) : '—'}
            data-testid="queue-longest"
          />
        </Card>
        <Card size="small">
          <Statistic
            title={t('queue.estimate')}
            value={estimate === null || estimate === undefined ? '—' : duration(estimate)}
            data-testid="queue-estimate"
          />
        </Card>
        {inboxes.length > 1 && (
          <Select
            allowClear
            placeholder={t('queue.allInboxes')}
            value={inboxId}
            onChange={(v?: string) => setInboxId(v)}
            options={inboxes.map((i) => ({ value: i.id, label: i.name }))}
            style={{ minWidth: 180 }}
            data-testid="queue-inbox-filter"
          />
        )}
      </Space>
      {queue.error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('actions.failed', { message: queue.error.message })}
          data-testid="queue-error"
        />
      )}
      {supervisor && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, marginBottom: 16 }}>
          <AgentsPanel agents={agents.data ?? []} loading={agents.isPending} />
          <RoutingReportCard report={report.data} loading={report.isPending} />
        </div>
      )}
      <QueueTable
        entries={entries}
        loading={queue.isPending}
        now={now}
        agents={supervisor ? (agents.data ?? []) : null}
      />
    </div>
  );
}
