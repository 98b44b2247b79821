import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiToken } from '@warmdesk/protocol';
import { Button, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { useUsers } from '../../api/queries';
import { AdminPage } from '../shared/AdminPage';
import { AdminTable } from '../shared/AdminTable';
import { describeError } from '../shared/api-errors';
import { ConfirmDangerButton } from '../shared/ConfirmDangerButton';
import { formatTime } from '../shared/format';
import { useNotify } from '../shared/useNotify';
import { CreateTokenModal } from './CreateTokenModal';
import { API_TOKENS_KEY } from './tokens-key';

/** API tokens for scripts and integrations: who made them, what they may do, when they were last used. */
export function TokensPage() {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const notify = useNotify();
  const users = useUsers();
  const [creating, setCreating] = useState(false);
  const tokens = useQuery({
    queryKey: API_TOKENS_KEY,
    queryFn: () => api<{ items: ApiToken[] }>('/api-tokens').then((r) => r.items),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api<void>(`/api-tokens/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: API_TOKENS_KEY });
      notify.done(t('tokens.revoked'));
    },
    onError: notify.failed,
  });
  const userName = (id: string) => users.data?.find((u) => u.id === id)?.name ?? '—';

  const columns: ColumnsType<ApiToken> = [
    { title: t('tokens.fields.name'), dataIndex: 'name' },
    {
      title: t('tokens.fields.scopes'),
      dataIndex: 'scopes',
      render: (scopes: ApiToken['scopes']) =>
        scopes.map((s) => (
          <Tag key={s} color={s === 'write' ? 'orange' : 'blue'}>
            {t(`tokens.scope.${s}`)}
          </Tag>
        )),
    },
    { title: t('tokens.fields.createdBy'), dataIndex: 'userId', render: userName },
    { title: t('tokens.fields.created'), dataIndex: 'createdAt', render: formatTime },
    {
      title: t('tokens.fields.lastUsed'),
      dataIndex: 'lastUsedAt',
      render: (at: string | null) => (at ? formatTime(at) : t('tokens.neverUsed')),
    },
    {
      title: t('tokens.fields.state'),
      dataIndex: 'revokedAt',
      render: (at: string | null) =>
        at ? (
          <Tag>{t('tokens.revokedAt', { time: formatTime(at) })}</Tag>
        ) : (
          <Tag color="green">{t('tokens.active')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, token) =>
        token.revokedAt ? null : (
          <ConfirmDangerButton
            label={t('tokens.revoke')}
            title={t('tokens.confirmRevoke', { name: token.name })}
            description={t('tokens.revokeHelp')}
            onConfirm={() => revoke.mutateAsync(token.id)}
            testId="token-revoke"
          />
        ),
    },
  ];

  return (
    <AdminPage
      title={t('tokens.title')}
      description={t('tokens.description')}
      error={tokens.error ? describeError(tokens.error, t) : null}
      extra={
        <Space>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="token-new">
            {t('tokens.new')}
          </Button>
        </Space>
      }
    >
      <AdminTable<ApiToken>
        testId="tokens-table"
        columns={columns}
        dataSource={tokens.data}
        loading={tokens.isPending}
        onRow={(token) => ({ style: token.revokedAt ? { color: '#8c8c8c' } : undefined })}
      />
      <CreateTokenModal open={creating} onClose={() => setCreating(false)} />
    </AdminPage>
  );
}
