import type { ConversationListItem } from '@warmdesk/protocol';
import { Badge, Button, Card, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useInboxes, useUsers } from '../api/queries';
import { useCurrentUser } from '../auth/session';
import { useUpdateConversation } from './conversation/useConversationActions';
import { useCustomerContext } from './customer/queries';
import { contactName, duration, PRIORITY_COLOR } from './format';
import { useConversationList } from './list/useConversationList';
import { useNow } from './useNow';

const QUERY = { status: 'open', assigneeId: 'none' } as const;
const MAX_PAGES = 10;
const STATUS_ORDER = { online: 0, busy: 1, away: 2, offline: 3 } as const;

const waitingSince = (c: ConversationListItem) => c.waitingSince ?? c.createdAt;

function CurrentPage({ conversationId }: { conversationId: string }) {
  const ctx = useCustomerContext(conversationId).data?.context;
  if (!ctx?.url) return <span style={{ color: '#bfbfbf' }}>—</span>;
  return (
    <Typography.Link
      href={ctx.url}
      target="_blank"
      rel="noreferrer"
      ellipsis
      style={{ maxWidth: 220, display: 'inline-block' }}
    >
      {ctx.title || ctx.url}
    </Typography.Link>
  );
}

function AssignControl({ conversation }: { conversation: ConversationListItem }) {
  const { t } = useTranslation('workspace');
  const me = useCurrentUser();
  const update = useUpdateConversation(conversation.id);
  const users = (useUsers().data ?? [])
    .filter((u) => u.active && !u.invited)
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.name.localeCompare(b.name));
  return (
    <Space.Compact size="small" onClick={(e) => e.stopPropagation()}>
      <Select
        showSearch={{ optionFilterProp: 'search' }}
        placeholder={t('queue.assignTo')}
        style={{ width: 170 }}
        popupMatchSelectWidth={false}
        data-testid="queue-assign-select"
        onChange={(id: string) => void update({ assigneeId: id }, t('transfer.done'))}
        options={users.map((u) => ({
          value: u.id,
          search: u.name,
          label: (
            <span>
              <Badge status={u.status === 'online' ? 'success' : u.status === 'offline' ? 'default' : 'warning'} />{' '}
              {u.name}
            </span>
          ),
        }))}
      />
      <Button
        autoInsertSpace={false}
        onClick={() => void update({ assigneeId: me.id }, t('actions.assignedToMe'))}
        data-testid="queue-take"
      >
        {t('queue.take')}
      </Button>
    </Space.Compact>
  );
}

/** Supervisors' live view of customers waiting for an agent (open, unassigned), longest waiting first. */
export function QueuePage() {
  const { t } = useTranslation('workspace');
  const navigate = useNavigate();
  const now = useNow(1_000);
  const inboxes = useInboxes().data ?? [];
  const users = useUsers().data ?? [];
  const list = useConversationList(QUERY);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const pages = list.data?.pages.length ?? 0;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && pages < MAX_PAGES) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, pages, fetchNextPage]);

  const rows = useMemo(
    () => [...list.items].sort((a, b) => waitingSince(a).localeCompare(waitingSince(b))),
    [list.items],
  );
  const online = users.filter((u) => u.active && u.status === 'online').length;
  const longest = rows[0] ? (now - Date.parse(waitingSince(rows[0]))) / 1000 : 0;

  return (
    <div style={{ padding: 16, overflow: 'auto', height: '100%' }}>
      <Space wrap size={16} style={{ marginBottom: 16 }}>
        <Card size="small">
          <Statistic title={t('queue.waiting')} value={rows.length} data-testid="queue-waiting" />
        </Card>
        <Card size="small">
          <Statistic title={t('queue.longest')} value={rows.length ? duration(longest) : '—'} />
        </Card>
        <Card size="small">
          <Statistic title={t('queue.agentsOnline')} value={online} />
        </Card>
      </Space>
      <Table<ConversationListItem>
        data-testid="queue-table"
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('queue.empty') }}
        onRow={(c) => ({
          onClick: () => navigate(`/conversations/${c.id}?view=unassigned`),
          style: { cursor: 'pointer' },
          'data-testid': 'queue-row',
          'data-conversation-id': c.id,
        })}
        columns={[
          { key: 'id', title: '#', width: 70, render: (_, c) => `#${c.displayId}` },
          {
            key: 'contact',
            title: t('queue.contact'),
            render: (_, c) => (
              <div>
                <div>{contactName(c.contact, t)}</div>
                <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 200 }}>
                  {c.lastMessage?.content ?? ''}
                </Typography.Text>
              </div>
            ),
          },
          {
            key: 'inbox',
            title: t('queue.inbox'),
            render: (_, c) => inboxes.find((i) => i.id === c.inboxId)?.name ?? '',
          },
          { key: 'page', title: t('queue.page'), render: (_, c) => <CurrentPage conversationId={c.id} /> },
          {
            key: 'waiting',
            title: t('queue.waitingTime'),
            width: 100,
            // The table squeezes this column on a phone; a two-line header doubles the header's height.
            onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
            render: (_, c) => (
              <span data-testid="queue-waiting-time" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {duration((now - Date.parse(waitingSince(c))) / 1000)}
              </span>
            ),
          },
          {
            key: 'priority',
            title: t('view.priority'),
            width: 90,
            render: (_, c) => <Tag color={PRIORITY_COLOR[c.priority]}>{t(`priority.${c.priority}`)}</Tag>,
          },
          { key: 'assign', title: t('queue.assign'), width: 250, render: (_, c) => <AssignControl conversation={c} /> },
        ]}
      />
    </div>
  );
}
