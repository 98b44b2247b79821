import { PlusOutlined } from '@ant-design/icons';
import type { Inbox } from '@warmdesk/protocol';
import { Button, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useInboxes } from '../../api/queries';
import { AdminPage } from '../shared/AdminPage';
import { AdminTable } from '../shared/AdminTable';
import { describeError } from '../shared/api-errors';
import { formatTime } from '../shared/format';
import { CreateInboxModal } from './CreateInboxModal';

/** The account's inboxes (web widgets and API channels); each opens on its settings. */
export function InboxesPage() {
  const { t } = useTranslation('admin');
  const inboxes = useInboxes();
  const [creating, setCreating] = useState(false);

  const columns: ColumnsType<Inbox> = [
    {
      title: t('inboxes.fields.name'),
      dataIndex: 'name',
      render: (name: string, inbox) => (
        <Link to={`/admin/inboxes/${inbox.id}`} data-testid="inbox-link">
          {name}
        </Link>
      ),
    },
    {
      title: t('inboxes.fields.type'),
      dataIndex: 'type',
      render: (type: Inbox['type']) => (
        <Tag color={type === 'web_widget' ? 'blue' : 'purple'}>{t(`inboxes.types.${type}`)}</Tag>
      ),
    },
    {
      title: t('inboxes.fields.publicKey'),
      dataIndex: 'publicKey',
      render: (key: string) => (
        <Typography.Text code copyable={{ text: key }}>
          {key}
        </Typography.Text>
      ),
    },
    { title: t('inboxes.fields.created'), dataIndex: 'createdAt', render: formatTime },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, inbox) => <Link to={`/admin/inboxes/${inbox.id}`}>{t('inboxes.settings')}</Link>,
    },
  ];

  return (
    <AdminPage
      title={t('inboxes.title')}
      description={t('inboxes.description')}
      error={inboxes.error ? describeError(inboxes.error, t) : null}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="inbox-new">
          {t('inboxes.new')}
        </Button>
      }
    >
      <AdminTable<Inbox>
        testId="inboxes-table"
        columns={columns}
        dataSource={inboxes.data}
        loading={inboxes.isPending}
      />
      <CreateInboxModal open={creating} onClose={() => setCreating(false)} />
    </AdminPage>
  );
}
