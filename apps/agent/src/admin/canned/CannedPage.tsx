import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CannedResponse } from '@warmdesk/protocol';
import { Button, Input, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { keys, useCannedResponses } from '../../api/queries';
import { AdminPage } from '../shared/AdminPage';
import { AdminTable } from '../shared/AdminTable';
import { describeError } from '../shared/api-errors';
import { ConfirmDangerButton } from '../shared/ConfirmDangerButton';
import { formatTime } from '../shared/format';
import { useNotify } from '../shared/useNotify';
import { CannedModal } from './CannedModal';

/** Canned responses: replies agents insert by typing `/shortCode` in the composer. */
export function CannedPage() {
  const { t } = useTranslation('admin');
  const canned = useCannedResponses();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [editing, setEditing] = useState<{ canned: CannedResponse | null } | null>(null);
  const [filter, setFilter] = useState('');
  const remove = useMutation({
    mutationFn: (id: string) => api<void>(`/canned-responses/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.canned });
      notify.done(t('common.deleted'));
    },
    onError: notify.failed,
  });
  const needle = filter.trim().toLowerCase();
  const rows = (canned.data ?? []).filter(
    (c) => !needle || c.shortCode.toLowerCase().includes(needle) || c.content.toLowerCase().includes(needle),
  );

  const columns: ColumnsType<CannedResponse> = [
    {
      title: t('canned.fields.shortCode'),
      dataIndex: 'shortCode',
      sorter: (a, b) => a.shortCode.localeCompare(b.shortCode),
      render: (code: string) => <Typography.Text code>/{code}</Typography.Text>,
    },
    {
      title: t('canned.fields.content'),
      dataIndex: 'content',
      render: (content: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: content }} style={{ maxWidth: 420, marginBottom: 0 }}>
          {content}
        </Typography.Paragraph>
      ),
    },
    { title: t('canned.fields.updated'), dataIndex: 'updatedAt', render: formatTime },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, c) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing({ canned: c })} data-testid="canned-edit">
            {t('common.edit')}
          </Button>
          <ConfirmDangerButton
            label={t('common.delete')}
            title={t('canned.confirmDelete', { code: c.shortCode })}
            onConfirm={() => remove.mutateAsync(c.id)}
            testId="canned-delete"
          />
        </Space>
      ),
    },
  ];

  return (
    <AdminPage
      title={t('canned.title')}
      description={t('canned.description')}
      error={canned.error ? describeError(canned.error, t) : null}
      extra={
        <>
          <Input.Search
            allowClear
            placeholder={t('canned.search')}
            onChange={(e) => setFilter(e.target.value)}
            style={{ width: 220 }}
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ canned: null })}
            data-testid="canned-new"
          >
            {t('canned.new')}
          </Button>
        </>
      }
    >
      <AdminTable<CannedResponse>
        testId="canned-table"
        columns={columns}
        dataSource={rows}
        loading={canned.isPending}
      />
      <CannedModal open={editing !== null} canned={editing?.canned ?? null} onClose={() => setEditing(null)} />
    </AdminPage>
  );
}
