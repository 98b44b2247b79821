import { BookOutlined, MessageOutlined, SettingOutlined, TeamOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { Badge, Grid, Layout, Menu } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { hasRole, useCurrentUser } from '../auth/session';
import { NotificationBell } from '../notifications/NotificationBell';
import { CallBridge } from '../workspace/call/CallBridge';
import { RealtimeBridge } from '../workspace/RealtimeBridge';
import { useMineUnread } from '../workspace/useMineUnread';
import { ConnectionBanner } from './ConnectionBanner';
import { UserMenu } from './UserMenu';

type NavItem = { key: string; path: string; icon: ReactNode; label: string; testId: string };

/** The shell: navigation (a side rail on desktops, a tab bar on phones), the user's menu, live updates. */
export function AppLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;
  const unread = useMineUnread();

  const items: NavItem[] = [
    {
      key: 'conversations',
      path: '/conversations',
      icon: (
        // kept above the icon so that a wide count ("99+") does not cover the label
        <Badge count={unread} size="small" offset={[-6, -6]}>
          <MessageOutlined />
        </Badge>
      ),
      label: t('nav.conversations'),
      testId: 'nav-conversations',
    },
    { key: 'queue', path: '/queue', icon: <TeamOutlined />, label: t('nav.queue'), testId: 'nav-queue' },
    { key: 'live', path: '/live', icon: <VideoCameraOutlined />, label: t('nav.live'), testId: 'nav-live' },
    { key: 'kb', path: '/kb', icon: <BookOutlined />, label: t('nav.kb'), testId: 'nav-kb' },
  ];
  if (hasRole(user, 'admin')) {
    items.push({ key: 'admin', path: '/admin', icon: <SettingOutlined />, label: t('nav.admin'), testId: 'nav-admin' });
  }
  const selected = items.find((i) => location.pathname.startsWith(i.path))?.key ?? 'conversations';
  const menuItems = items.map((i) => ({
    key: i.key,
    icon: i.icon,
    label: <span data-testid={i.testId}>{i.label}</span>,
    onClick: () => navigate(i.path),
  }));

  const toolbar = (
    <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
      <NotificationBell />
      <UserMenu />
    </div>
  );

  return (
    <Layout style={{ height: '100dvh' }} data-testid={mobile ? 'layout-mobile' : 'layout-desktop'}>
      <RealtimeBridge />
      <CallBridge />
      {!mobile && (
        <Layout.Sider width={184} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
          <div style={{ padding: '14px 20px', fontWeight: 600, fontSize: 16 }}>{t('appName')}</div>
          <Menu mode="inline" selectedKeys={[selected]} items={menuItems} style={{ borderInlineEnd: 0 }} />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 16px',
            height: 48,
            lineHeight: '48px',
            display: 'flex',
            justifyContent: mobile ? 'space-between' : 'flex-end',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          {mobile && <span style={{ fontWeight: 600 }}>{t('appName')}</span>}
          {toolbar}
        </Layout.Header>
        <ConnectionBanner />
        <Layout.Content style={{ overflow: 'hidden', display: 'flex', flexDirection: 'column', minHeight: 0 }}>
          <Outlet />
        </Layout.Content>
        {mobile && (
          <Menu
            mode="horizontal"
            selectedKeys={[selected]}
            items={menuItems}
            style={{ justifyContent: 'space-around', borderTop: '1px solid #f0f0f0' }}
            data-testid="mobile-tabbar"
          />
        )}
      </Layout>
    </Layout>
  );
}
