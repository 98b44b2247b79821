import { MessageOutlined } from '@ant-design/icons';
import { Empty, Grid, type InputRef, Spin } from 'antd';
import { lazy, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useCurrentUser } from '../auth/session';
import { useCommand } from './commands';
import { filtersToParams, type ListFilters, parseFilters, toListQuery } from './filters';
import { ConversationList } from './list/ConversationList';
import { ListToolbar } from './list/ListToolbar';
import { ShortcutsHelp } from './shortcuts/ShortcutsHelp';
import { useShortcuts } from './shortcuts/useShortcuts';
import './workspace.css';

const ConversationView = lazy(() =>
  import('./conversation/ConversationView').then((m) => ({ default: m.ConversationView })),
);

/**
 * `/conversations` and `/conversations/:id`: the list beside the open conversation on desktops; on phones one
 * screen at a time (the conversation has a back button).
 */
export function WorkspacePage() {
  const { t } = useTranslation('workspace');
  const me = useCurrentUser();
  const navigate = useNavigate();
  const params = useParams();
  const conversationId = params['*']?.split('/')[0] || undefined;
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(searchParams), [searchParams]);
  const query = useMemo(() => toListQuery(filters, me.id), [filters, me.id]);
  const mobile = Grid.useBreakpoint().md === false;
  const order = useRef<string[]>([]);
  const searchRef = useRef<InputRef>(null);
  const [helpOpen, setHelpOpen] = useState(false);

  const search = searchParams.toString();
  const open = useCallback(
    (id: string) => navigate({ pathname: `/conversations/${id}`, search: search ? `?${search}` : '' }),
    [navigate, search],
  );
  const setFilters = useCallback(
    (next: ListFilters) => setSearchParams(filtersToParams(next), { replace: true }),
    [setSearchParams],
  );
  useShortcuts({ order, currentId: conversationId, open, showHelp: () => setHelpOpen(true) });
  useCommand((command) => {
    if (command === 'search') searchRef.current?.focus();
  });

  const showList = !mobile || !conversationId;
  return (
    <div className="wd-workspace" data-testid="workspace">
      {showList && (
        <div className="wd-list-pane" style={{ width: mobile ? '100%' : 360 }}>
          <ListToolbar filters={filters} onChange={setFilters} searchRef={searchRef} />
          <ConversationList query={query} selectedId={conversationId} onOpen={open} orderRef={order} />
        </div>
      )}
      {conversationId ? (
        <Suspense
          fallback={
            <div className="wd-center">
              <Spin />
            </div>
          }
        >
          <ConversationView key={conversationId} conversationId={conversationId} mobile={mobile} />
        </Suspense>
      ) : (
        !mobile && (
          <div className="wd-center" data-testid="no-conversation">
            <Empty
              image={<MessageOutlined style={{ fontSize: 48, color: '#bfbfbf' }} />}
              description={t('view.pick')}
            />
          </div>
        )
      )}
      {helpOpen && <ShortcutsHelp open onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
