import { MailOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { User } from '@warmdesk/protocol';
import { Button, Modal, Popconfirm, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keys, useUsers } from '../../api/queries';
import { useCurrentUser } from '../../auth/session';
import { AdminPage } from '../shared/AdminPage';
import { AdminTable } from '../shared/AdminTable';
import { describeError } from '../shared/api-errors';
import { useNotify } from '../shared/useNotify';
import { CreateUserModal } from './CreateUserModal';
import { EditUserModal } from './EditUserModal';
import { InvitationResult } from './InvitationResult';
import { InviteModal } from './InviteModal';
import { type Invitation, resendInvite, updateUser } from './user-api';

const STATUS_COLORS = { online: 'green', busy: 'orange', away: 'gold', offline: 'default' } as const;

/** Everyone in the account: invite, change role and capacity, deactivate and reactivate. */
export function UsersPage() {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const users = useUsers();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [inviting, setInviting] = useState(false);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resent, setResent] = useState<Invitation | null>(null);

  const setActive = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => updateUser(id, { active }),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: keys.users });
      notify.done(
        user.active ? t('users.reactivated', { name: user.name }) : t('users.deactivated', { name: user.name }),
      );
    },
    onError: notify.failed,
  });
  const resend = useMutation({ mutationFn: resendInvite, onSuccess: setResent, onError: notify.failed });

  const columns: ColumnsType<User> = [
    { title: t('users.fields.name'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name) },
    { title: t('users.fields.email'), dataIndex: 'email' },
    {
      title: t('users.fields.role'),
      dataIndex: 'role',
      render: (role: User['role']) => tc(`role.${role}`),
      filters: (['admin', 'supervisor', 'agent'] as const).map((r) => ({ text: tc(`role.${r}`), value: r })),
      onFilter: (value, u) => u.role === value,
    },
    {
      title: t('users.fields.status'),
      dataIndex: 'status',
      render: (status: User['status']) => <Tag color={STATUS_COLORS[status]}>{tc(`status.${status}`)}</Tag>,
    },
    { title: t('users.fields.capacity'), dataIndex: 'capacity', align: 'right' },
    {
      title: t('users.fields.active'),
      dataIndex: 'active',
      render: (active: boolean) =>
        active ? <Tag color="blue">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>,
    },
    {
      title: t('users.fields.invited'),
      dataIndex: 'invited',
      render: (invited: boolean) => (invited ? <Tag color="purple">{t('users.pending')}</Tag> : '—'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, user) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setEditing(user)} data-testid="user-edit">
            {t('common.edit')}
          </Button>
          {user.invited && (
            <Button
              type="link"
              size="small"
              icon={<MailOutlined />}
              loading={resend.isPending && resend.variables === user.id}
              onClick={() => resend.mutate(user.id)}
              data-testid="user-resend-invite"
            >
              {t('users.resend')}
            </Button>
          )}
          {user.id !== me.id && (
            <Popconfirm
              title={
                user.active
                  ? t('users.confirmDeactivate', { name: user.name })
                  : t('users.confirmReactivate', { name: user.name })
              }
              description={user.active ? t('users.deactivateHelp') : undefined}
              onConfirm={() => setActive.mutateAsync({ id: user.id, active: !user.active })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
            >
              <Button type="link" size="small" danger={user.active} data-testid="user-toggle-active">
                {user.active ? t('users.deactivate') : t('users.reactivate')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <AdminPage
      title={t('users.title')}
      description={t('users.description')}
      error={users.error ? describeError(users.error, t) : null}
      extra={
        <>
          <Button onClick={() => setCreating(true)} data-testid="user-create">
            {t('users.create.button')}
          </Button>
          <Button
            type="primary"
            icon={<UserAddOutlined />}
            onClick={() => setInviting(true)}
            data-testid="invite-button"
          >
            {t('users.invite.button')}
          </Button>
        </>
      }
    >
      <AdminTable<User>
        columns={columns}
        dataSource={users.data}
        loading={users.isPending}
        testId="users-table"
        onRow={(u) => ({ style: u.active ? undefined : { color: '#8c8c8c' } })}
      />
      <InviteModal open={inviting} onClose={() => setInviting(false)} />
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      <EditUserModal user={editing} self={editing?.id === me.id} onClose={() => setEditing(null)} />
      <Modal
        open={resent !== null}
        title={t('users.invite.resentTitle')}
        onCancel={() => setResent(null)}
        onOk={() => setResent(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
        okText={t('common.done')}
      >
        {resent && <InvitationResult invitation={resent} />}
      </Modal>
    </AdminPage>
  );
}
