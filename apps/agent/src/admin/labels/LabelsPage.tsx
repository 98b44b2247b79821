import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LabelDefinition } from '@warmdesk/protocol';
import { Button, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { keys, useLabels } from '../../api/queries';
import { AdminPage } from '../shared/AdminPage';
import { AdminTable } from '../shared/AdminTable';
import { describeError } from '../shared/api-errors';
import { ConfirmDangerButton } from '../shared/ConfirmDangerButton';
import { formatTime } from '../shared/format';
import { useNotify } from '../shared/useNotify';
import { LabelModal } from './LabelModal';

/** The account's labels: the names agents tag conversations with, each with a colour. */
export function LabelsPage() {
  const { t } = useTranslation('admin');
  const labels = useLabels();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [editing, setEditing] = useState<{ label: LabelDefinition | null } | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => api<void>(`/labels/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.labels });
      notify.done(t('common.deleted'));
    },
    onError: notify.failed,
  });

  const columns: ColumnsType<LabelDefinition> = [
    {
      title: t('labels.fields.name'),
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name),
      render: (name: string, l) => (
        <Tag color={l.color} data-testid="label-swatch">
          {name}
        </Tag>
      ),
    },
    {
      title: t('labels.fields.color'),
      dataIndex: 'color',
      render: (color: string) => (
        <Space size={6}>
          <span
            aria-hidden="true"
            style={{ display: 'inline-block', width: 14, height: 14, borderRadius: 3, background: color }}
          />
          <code>{color}</code>
        </Space>
      ),
    },
    { title: t('labels.fields.description'), dataIndex: 'description', render: (d: string) => d || '—' },
    { title: t('labels.fields.created'), dataIndex: 'createdAt', render: formatTime },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, l) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing({ label: l })} data-testid="label-edit">
            {t('common.edit')}
          </Button>
          <ConfirmDangerButton
            label={t('common.delete')}
            title={t('labels.confirmDelete', { name: l.name })}
            description={t('labels.deleteHelp')}
            onConfirm={() => remove.mutateAsync(l.id)}
            testId="label-delete"
          />
        </Space>
      ),
    },
  ];

  return (
    <AdminPage
      title={t('labels.title')}
      description={t('labels.description')}
      error={labels.error ? describeError(labels.error, t) : null}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing({ label: null })}
          data-testid="label-new"
        >
          {t('labels.new')}
        </Button>
      }
    >
      <AdminTable<LabelDefinition>
        testId="labels-table"
        columns={columns}
        dataSource={labels.data}
        loading={labels.isPending}
      />
      <LabelModal open={editing !== null} label={editing?.label ?? null} onClose={() => setEditing(null)} />
    </AdminPage>
  );
}
