import { useInfiniteQuery } from '@tanstack/react-query';
import type { AuditEntry } from '@warmdesk/protocol';
import { Button, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { useInboxes, useTeams, useUsers } from '../../api/queries';
import { AdminPage } from '../shared/AdminPage';
import { AdminTable } from '../shared/AdminTable';
import { describeError } from '../shared/api-errors';
import { formatTime } from '../shared/format';
import { useTargetName } from './useTargetName';

type AuditPage = { items: AuditEntry[]; nextCursor: string | null };
const PAGE_SIZE = 50;

/** Who did what in the account, newest first; older entries page in with "load more". */
export function AuditPage() {
  const { t } = useTranslation('admin');
  const users = useUsers();
  const targetName = useTargetName(users.data, useTeams().data, useInboxes().data);
  const log = useInfiniteQuery({
    queryKey: ['audit-log'],
    queryFn: ({ pageParam }) => api<AuditPage>('/audit-log', { query: { cursor: pageParam, limit: PAGE_SIZE } }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];

  const actorName = (actor: AuditEntry['actor']) => {
    if (actor.type === 'system') return t('audit.system');
    if (actor.type === 'api_token') return t('audit.apiToken');
    return users.data?.find((u) => u.id === actor.id)?.name ?? actor.id ?? '—';
  };

  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.fields.time'), dataIndex: 'createdAt', render: formatTime, width: 150 },
    { title: t('audit.fields.actor'), dataIndex: 'actor', render: actorName },
    {
      title: t('audit.fields.action'),
      dataIndex: 'action',
      render: (action: string) => <span title={action}>{t(`audit.actions.${action}`, { defaultValue: action })}</span>,
    },
    {
      title: t('audit.fields.target'),
      key: 'target',
      render: (_, e) => targetName(e.targetType, e.targetId),
    },
    {
      title: t('audit.fields.details'),
      dataIndex: 'details',
      render: (details: AuditEntry['details']) =>
        Object.keys(details).length ? (
          <Typography.Text code style={{ maxWidth: 220, display: 'inline-block' }} ellipsis>
            {JSON.stringify(details)}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <AdminPage
      title={t('audit.title')}
      description={t('audit.description')}
      error={log.error ? describeError(log.error, t) : null}
    >
      <AdminTable<AuditEntry>
        testId="audit-table"
        columns={columns}
        dataSource={rows}
        loading={log.isPending}
        pagination={false}
        expandable={{
          rowExpandable: (e) => Object.keys(e.details).length > 0,
          expandedRowRender: (e) => (
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>
              {JSON.stringify(e.details, null, 2)}
            </pre>
          ),
        }}
      />
      <div style={{ textAlign: 'center', marginTop: 16 }}>
        {log.hasNextPage ? (
          <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage} data-testid="audit-more">
            {t('audit.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">{t('audit.end')}</Typography.Text>
        )}
      </div>
    </AdminPage>
  );
}
