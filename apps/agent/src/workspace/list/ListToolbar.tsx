import { FilterOutlined, SearchOutlined } from '@ant-design/icons';
import { Badge, Button, Input, type InputRef, Segmented, Select } from 'antd';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConversationCounts, useInboxes, useLabels, useTeams } from '../../api/queries';
import { type ListFilters, STATUSES, type StatusFilter, VIEWS, type View } from '../filters';

type Props = {
  filters: ListFilters;
  onChange: (next: ListFilters) => void;
  searchRef: RefObject<InputRef | null>;
};

const countStyle = { marginInlineStart: 4, fontSize: 12, opacity: 0.7 };

/** Mine / unassigned / all with live counts, the search box, and filters by status, inbox, team and label. */
export function ListToolbar({ filters, onChange, searchRef }: Props) {
  const { t } = useTranslation('workspace');
  const counts = useConversationCounts().data;
  const inboxes = useInboxes().data ?? [];
  const teams = useTeams().data ?? [];
  const labels = useLabels().data ?? [];
  const [text, setText] = useState(filters.q ?? '');
  const extraActive = Boolean(filters.inboxId || filters.teamId || filters.label);
  const [showMore, setShowMore] = useState(extraActive);

  // The URL's q changed by other means (back button, a link): show it, without undoing what is being typed.
  const pushed = useRef(filters.q);
  useEffect(() => {
    if (filters.q !== pushed.current) {
      pushed.current = filters.q;
      setText(filters.q ?? '');
    }
  }, [filters.q]);
  const search = (value: string) => {
    const q = value.trim() || undefined;
    if (q === filters.q) return;
    pushed.current = q;
    onChange({ ...filters, q });
  };
  // Search as the agent types, once they pause.
  useEffect(() => {
    const timer = setTimeout(() => search(text), 350);
    return () => clearTimeout(timer);
  });

  const viewCount = (view: View) => counts?.[view];
  const withCount = (label: string, n: number | undefined) => (n === undefined ? label : `${label} (${n})`);

  return (
    <div className="wd-list-toolbar">
      <Segmented<View>
        block
        size="small"
        value={filters.view}
        onChange={(view) => onChange({ ...filters, view })}
        options={VIEWS.map((view) => ({
          value: view,
          label: (
            <span data-testid={`filter-${view}`}>
              {t(`views.${view}`)}
              <span data-testid={`count-${view}`} style={countStyle}>
                {viewCount(view) ?? ''}
              </span>
            </span>
          ),
        }))}
      />
      <div style={{ display: 'flex', gap: 6 }}>
        <Input
          ref={searchRef}
          size="small"
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('list.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={() => search(text)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
          }}
          data-testid="conversation-search"
          aria-label={t('list.searchPlaceholder')}
        />
        <Select<StatusFilter>
          size="small"
          value={filters.status}
          onChange={(status) => onChange({ ...filters, status })}
          style={{ width: 110, flex: 'none' }}
          popupMatchSelectWidth={false}
          labelRender={({ value }) => t(`status.${String(value)}`)}
          data-testid="status-filter"
          options={[
            ...STATUSES.map((s) => ({ value: s, label: withCount(t(`status.${s}`), counts?.byStatus[s]) })),
            { value: 'any' as const, label: t('status.any') },
          ]}
        />
        <Badge dot={extraActive} offset={[-2, 2]}>
          <Button
            size="small"
            icon={<FilterOutlined />}
            type={showMore ? 'primary' : 'default'}
            ghost={showMore}
            onClick={() => setShowMore((v) => !v)}
            aria-label={t('list.moreFilters')}
            data-testid="more-filters"
          />
        </Badge>
      </div>
      {showMore && (
        <div style={{ display: 'flex', gap: 6 }}>
          <Select
            size="small"
            allowClear
            placeholder={t('list.inbox')}
            value={filters.inboxId}
            onChange={(inboxId?: string) => onChange({ ...filters, inboxId })}
            style={{ flex: 1, minWidth: 0 }}
            popupMatchSelectWidth={false}
            data-testid="inbox-filter"
            options={inboxes.map((i) => ({ value: i.id, label: withCount(i.name, counts?.byInbox[i.id]) }))}
          />
          <Select
            size="small"
            allowClear
            placeholder={t('list.team')}
            value={filters.teamId}
            onChange={(teamId?: string) => onChange({ ...filters, teamId })}
            style={{ flex: 1, minWidth: 0 }}
            popupMatchSelectWidth={false}
            data-testid="team-filter"
            options={teams.map((team) => ({ value: team.id, label: withCount(team.name, counts?.byTeam[team.id]) }))}
          />
          <Select
            size="small"
            allowClear
            placeholder={t('list.label')}
            value={filters.label}
            onChange={(label?: string) => onChange({ ...filters, label })}
            style={{ flex: 1, minWidth: 0 }}
            popupMatchSelectWidth={false}
            data-testid="label-filter"
            options={labels.map((l) => ({ value: l.name, label: withCount(l.name, counts?.byLabel[l.name]) }))}
          />
        </div>
      )}
    </div>
  );
}
