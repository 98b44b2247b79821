import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/http';
import { type KbList, kbKeys, titleOf, useKbEntry } from '../kb-api';

/** Chooses an entry by searching its questions; the suggested (nearest) entry is offered first. */
export function EntryPicker(props: {
  value: string | null;
  suggestedId: string | null;
  onChange: (id: string | null) => void;
  label: string;
}) {
  const { t } = useTranslation('kb');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useQuery({
    queryKey: [...kbKeys.entries, 'picker', q],
    queryFn: () => api<KbList>('/kb/entries', { query: { q, limit: 20 } }),
    staleTime: 30_000,
  });
  const suggested = useKbEntry(props.suggestedId);
  const chosen = useKbEntry(props.value);
  const options = new Map<string, { value: string; label: string }>();
  for (const e of [suggested.data, chosen.data, ...(found.data?.entries ?? [])]) {
    if (!e) continue;
    const label = e.id === props.suggestedId ? `${titleOf(e)} · ${t('unanswered.nearest')}` : titleOf(e);
    if (!options.has(e.id)) options.set(e.id, { value: e.id, label });
  }
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setTyped }}
      allowClear
      value={props.value ?? undefined}
      onChange={(id?: string) => props.onChange(id ?? null)}
      options={[...options.values()]}
      loading={found.isFetching}
      placeholder={t('unanswered.chooseEntry')}
      notFoundContent={t('unanswered.noEntries')}
      aria-label={props.label}
      style={{ minWidth: 260, flex: '1 1 260px' }}
      data-testid="kb-cluster-entry"
    />
  );
}
