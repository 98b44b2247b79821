import type { QueueEntry, RoutingAgent } from '@warmdesk/protocol';
import { Badge, Button, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueueActions } from './useQueueActions';

const STATUS_ORDER = { online: 0, busy: 1, away: 2, offline: 3 } as const;
const BADGE = { online: 'success', busy: 'processing', away: 'warning', offline: 'default' } as const;

/** "Take" for everyone; "Assign to" (with each agent's load) for supervisors and admins. */
export function QueueActions({ entry, agents }: { entry: QueueEntry; agents: RoutingAgent[] | null }) {
  const { t } = useTranslation('workspace');
  const { pick, assign } = useQueueActions();
  const [busy, setBusy] = useState(false);
  const once = (action: () => Promise<boolean>) => {
    setBusy(true);
    void action().finally(() => setBusy(false));
  };
  const sorted = [...(agents ?? [])].sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.name.localeCompare(b.name),
  );
  return (
    <Space.Compact size="small" onClick={(e) => e.stopPropagation()}>
      {agents && (
        <Select<string>
          showSearch={{ optionFilterProp: 'search' }}
          placeholder={t('queue.assignTo')}
          style={{ width: 190 }}
          popupMatchSelectWidth={false}
          disabled={busy}
          value={null}
          data-testid="queue-assign-select"
          onChange={(id) => {
            const name = sorted.find((a) => a.id === id)?.name ?? '';
            once(() => assign(entry.conversationId, id, name));
          }}
          options={sorted.map((a) => ({
            value: a.id,
            search: a.name,
            label: (
              <span>
                <Badge status={BADGE[a.status]} /> {a.name}{' '}
                <span style={{ color: a.load >= a.capacity ? '#cf1322' : '#8c8c8c' }}>
                  {a.load}/{a.capacity}
                </span>
              </span>
            ),
          }))}
        />
      )}
      <Button
        type={agents ? 'default' : 'primary'}
        autoInsertSpace={false}
        loading={busy}
        onClick={() => once(() => pick(entry.conversationId))}
        data-testid="queue-take"
      >
        {t('queue.take')}
      </Button>
    </Space.Compact>
  );
}
