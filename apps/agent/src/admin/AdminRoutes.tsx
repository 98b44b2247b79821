import {
  ApiOutlined,
  AuditOutlined,
  InboxOutlined,
  MessageOutlined,
  SettingOutlined,
  TagsOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Grid, Menu, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { type AdminSection, PhoneNav } from './shared/PhoneNav';

const UsersPage = lazy(() => import('./users/UsersPage').then((m) => ({ default: m.UsersPage })));
const TeamsPage = lazy(() => import('./teams/TeamsPage').then((m) => ({ default: m.TeamsPage })));
const InboxesPage = lazy(() => import('./inboxes/InboxesPage').then((m) => ({ default: m.InboxesPage })));
const InboxDetailPage = lazy(() => import('./inboxes/InboxDetailPage').then((m) => ({ default: m.InboxDetailPage })));
const CannedPage = lazy(() => import('./canned/CannedPage').then((m) => ({ default: m.CannedPage })));
const LabelsPage = lazy(() => import('./labels/LabelsPage').then((m) => ({ default: m.LabelsPage })));
const TokensPage = lazy(() => import('./tokens/TokensPage').then((m) => ({ default: m.TokensPage })));
const AccountPage = lazy(() => import('./account/AccountPage').then((m) => ({ default: m.AccountPage })));
const AuditPage = lazy(() => import('./audit/AuditPage').then((m) => ({ default: m.AuditPage })));

const SECTIONS: AdminSection[] = [
  { key: 'users', icon: <UserOutlined /> },
  { key: 'teams', icon: <TeamOutlined /> },
  { key: 'inboxes', icon: <InboxOutlined /> },
  { key: 'canned', icon: <MessageOutlined /> },
  { key: 'labels', icon: <TagsOutlined /> },
  { key: 'tokens', icon: <ApiOutlined /> },
  { key: 'account', icon: <SettingOutlined /> },
  { key: 'audit', icon: <AuditOutlined /> },
];

/** The admin console under /admin: its own navigation (a side menu, or a scrolling row on phones) and one lazy chunk per page. */
export function AdminRoutes() {
  const { t } = useTranslation('admin');
  const navigate = useNavigate();
  const location = useLocation();
  const mobile = Grid.useBreakpoint().md === false;
  const selected = location.pathname.split('/')[2] ?? 'users';
  const go = (key: string) => navigate(`/admin/${key}`);

  return (
    <div
      style={{ display: 'flex', flexDirection: mobile ? 'column' : 'row', flex: 1, minHeight: 0 }}
      data-testid="admin-console"
    >
      {mobile ? (
        <PhoneNav sections={SECTIONS} selected={selected} onSelect={go} />
      ) : (
        <nav
          aria-label={t('nav.label')}
          style={{ width: 212, flex: 'none', overflowY: 'auto', borderRight: '1px solid #f0f0f0', background: '#fff' }}
        >
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            style={{ borderInlineEnd: 0, paddingTop: 8 }}
            items={SECTIONS.map((s) => ({
              key: s.key,
              icon: s.icon,
              label: <span data-testid={`admin-nav-${s.key}`}>{t(`nav.${s.key}`)}</span>,
              onClick: () => go(s.key),
            }))}
          />
        </nav>
      )}
      <main style={{ flex: 1, minWidth: 0, overflow: 'auto', padding: mobile ? 12 : 24 }}>
        <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
          <Routes>
            <Route index element={<Navigate to="users" replace />} />
            <Route path="users" element={<UsersPage />} />
            <Route path="teams" element={<TeamsPage />} />
            <Route path="inboxes" element={<InboxesPage />} />
            <Route path="inboxes/:id" element={<InboxDetailPage />} />
            <Route path="canned" element={<CannedPage />} />
            <Route path="labels" element={<LabelsPage />} />
            <Route path="tokens" element={<TokensPage />} />
            <Route path="account" element={<AccountPage />} />
            <Route path="audit" element={<AuditPage />} />
            <Route path="*" element={<Navigate to="users" replace />} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}
