import { PlusOutlined } from '@ant-design/icons';
import type { Team } from '@warmdesk/protocol';
import { Button, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTeams, useUsers } from '../../api/queries';
import { AdminPage } from '../shared/AdminPage';
import { AdminTable } from '../shared/AdminTable';
import { describeError } from '../shared/api-errors';
import { TeamModal } from './TeamModal';

/** Teams: groups of agents that conversations are routed to, with the skills they cover. */
export function TeamsPage() {
  const { t } = useTranslation('admin');
  const teams = useTeams();
  const users = useUsers();
  const [editing, setEditing] = useState<{ team: Team | null } | null>(null);
  const nameOf = (id: string) => users.data?.find((u) => u.id === id)?.name ?? id.slice(0, 8);

  const columns: ColumnsType<Team> = [
    { title: t('teams.fields.name'), dataIndex: 'name' },
    {
      title: t('teams.fields.skills'),
      dataIndex: 'skills',
      render: (skills: string[]) =>
        skills.length ? (
          <Space size={[0, 4]} wrap>
            {skills.map((s) => (
              <Tag key={s}>{s}</Tag>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('teams.fields.members'),
      dataIndex: 'memberIds',
      render: (ids: string[]) =>
        ids.length ? (
          <Typography.Text style={{ maxWidth: 360, display: 'inline-block' }}>
            {ids.map(nameOf).join(', ')}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('teams.noMembers')}</Typography.Text>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, team) => (
        <Button type="link" size="small" onClick={() => setEditing({ team })} data-testid="team-edit">
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <AdminPage
      title={t('teams.title')}
      description={t('teams.description')}
      error={teams.error ? describeError(teams.error, t) : null}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing({ team: null })}
          data-testid="team-new"
        >
          {t('teams.new')}
        </Button>
      }
    >
      <AdminTable<Team> testId="teams-table" columns={columns} dataSource={teams.data} loading={teams.isPending} />
      <TeamModal open={editing !== null} team={editing?.team ?? null} onClose={() => setEditing(null)} />
    </AdminPage>
  );
}
