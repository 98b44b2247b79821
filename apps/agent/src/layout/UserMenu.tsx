import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import type { User, UserStatus } from '@warmdesk/protocol';
import { App, Avatar, Badge, Dropdown, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/http';
import { useCurrentUser, useSession } from '../auth/session';
import type { Language } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';

const STATUS_COLOR: Record<UserStatus, string> = {
  online: '#52c41a',
  busy: '#faad14',
  away: '#faad14',
  offline: '#bfbfbf',
};
const STATUSES: UserStatus[] = ['online', 'away', 'offline'];

/** Own status (online / away / offline), language, profile and sign-out. */
export function UserMenu() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const { setUser, logout } = useSession();
  const navigate = useNavigate();

  const patchSelf = async (patch: Partial<Pick<User, 'status' | 'locale'>>) => {
    try {
      setUser(await api<User>(`/users/${user.id}`, { method: 'PATCH', body: patch }));
    } catch (err) {
      message.error(t('error.generic', { message: (err as Error).message }));
    }
  };

  return (
    <Space size={12}>
      <LanguageSwitch onChange={(lng: Language) => void patchSelf({ locale: lng })} />
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'status',
              type: 'group',
              label: t('status.label'),
              children: STATUSES.map((s) => ({
                key: `status-${s}`,
                label: <span data-testid={`status-${s}`}>{t(`status.${s}`)}</span>,
                icon: <Badge color={STATUS_COLOR[s]} />,
                onClick: () => void patchSelf({ status: s }),
              })),
            },
            { type: 'divider' },
            {
              key: 'profile',
              icon: <UserOutlined />,
              label: t('nav.profile'),
              onClick: () => navigate('/profile'),
            },
            {
              key: 'logout',
              icon: <LogoutOutlined />,
              label: <span data-testid="logout">{t('nav.logout')}</span>,
              onClick: () => void logout().then(() => navigate('/login')),
            },
          ],
        }}
      >
        <Space style={{ cursor: 'pointer' }} data-testid="user-menu">
          <Badge
            dot
            color={STATUS_COLOR[user.status]}
            offset={[-4, 26]}
            data-testid="own-status"
            data-status={user.status}
          >
            <Avatar size="small" style={{ background: '#1677ff' }}>
              {user.name.slice(0, 1).toUpperCase()}
            </Avatar>
          </Badge>
          <span className="hide-on-phone">{user.name}</span>
        </Space>
      </Dropdown>
    </Space>
  );
}
