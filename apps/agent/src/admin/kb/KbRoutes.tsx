import { Grid, Spin, Tabs } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { AdminPage } from '../shared/AdminPage';
import { useCanEditKb } from './kb-api';

const EntriesTab = lazy(() => import('./entries/EntriesTab').then((m) => ({ default: m.EntriesTab })));
const EntryEditorPage = lazy(() => import('./entries/EntryEditorPage').then((m) => ({ default: m.EntryEditorPage })));
const TestConsole = lazy(() => import('./test/TestConsole').then((m) => ({ default: m.TestConsole })));
const UnansweredTab = lazy(() => import('./unanswered/UnansweredTab').then((m) => ({ default: m.UnansweredTab })));
const DictionaryTab = lazy(() => import('./dictionary/DictionaryTab').then((m) => ({ default: m.DictionaryTab })));

/**
 * The knowledge base under /kb, for every role: agents read the entries and use the test console; admins and
 * supervisors (who may not open /admin) also edit, import, work through unanswered questions and the dictionary.
 */
export function KbRoutes() {
  const { t } = useTranslation('kb');
  const navigate = useNavigate();
  const location = useLocation();
  const mobile = Grid.useBreakpoint().md === false;
  const canEdit = useCanEditKb();
  const section = location.pathname.split('/')[2] ?? 'entries';
  const sections = canEdit ? ['entries', 'test', 'unanswered', 'dictionary'] : ['entries', 'test'];

  return (
    <main style={{ flex: 1, minWidth: 0, overflow: 'auto', padding: mobile ? 12 : 24 }} data-testid="kb-section">
      <AdminPage title={t('title')} description={canEdit ? t('description') : t('descriptionReadOnly')}>
        <Tabs
          activeKey={section}
          onChange={(key) => navigate(`/kb/${key}`)}
          items={sections.map((key) => ({ key, label: <span data-testid={`kb-tab-${key}`}>{t(`tabs.${key}`)}</span> }))}
        />
        <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
          <Routes>
            <Route index element={<Navigate to="entries" replace />} />
            <Route path="entries" element={<EntriesTab />} />
            <Route path="entries/new" element={<EntryEditorPage />} />
            <Route path="entries/:id" element={<EntryEditorPage />} />
            <Route path="test" element={<TestConsole />} />
            {canEdit && <Route path="unanswered" element={<UnansweredTab />} />}
            {canEdit && <Route path="dictionary" element={<DictionaryTab />} />}
            <Route path="*" element={<Navigate to="entries" replace />} />
          </Routes>
        </Suspense>
      </AdminPage>
    </main>
  );
}
