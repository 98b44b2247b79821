import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { KbEntry, KbEntryBody, KbTestResult } from '@warmdesk/protocol';
import { api } from '../../api/http';
import { hasRole, useCurrentUser } from '../../auth/session';

/** The knowledge base's REST answers (protocol `bot.ts`), as the app reads them. */
export type KbList = { entries: KbEntry[]; total: number };
export type KbImportResult = { created: number; updated: number; errors: { line: number; message: string }[] };
export type UnansweredQuestion = {
  id: string;
  text: string;
  score: number;
  conversationId: string | null;
  createdAt: string;
};
export type UnansweredCluster = {
  label: string;
  size: number;
  questions: UnansweredQuestion[];
  nearestEntryId: string | null;
};
export type UnansweredList = { clusters: UnansweredCluster[]; total: number };
export type UnansweredResolveBody =
  | { action: 'add_variant'; questionIds: string[]; entryId: string }
  | { action: 'new_entry'; questionIds: string[]; entry: KbEntryBody }
  | { action: 'dismiss'; questionIds: string[] };
export type { KbTestResult };

export const kbKeys = {
  all: ['kb'] as const,
  entries: ['kb', 'entries'] as const,
  list: (q: string, tag: string, page: number) => ['kb', 'entries', 'list', q, tag, page] as const,
  entry: (id: string) => ['kb', 'entries', 'one', id] as const,
  unanswered: (days: number) => ['kb', 'unanswered', days] as const,
  dictionary: ['kb', 'dictionary'] as const,
};

export const PAGE_SIZE = 20;

export const useKbList = (q: string, tag: string, page: number) =>
  useQuery({
    queryKey: kbKeys.list(q, tag, page),
    queryFn: () => api<KbList>('/kb/entries', { query: { q, tag, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });

/** Tags in use, for the filter: gathered from the first 100 entries (the list has no tag endpoint). */
export const useKbTags = () =>
  useQuery({
    queryKey: [...kbKeys.entries, 'tags'],
    queryFn: async () => {
      const first = await api<KbList>('/kb/entries', { query: { limit: 100 } });
      return [...new Set(first.entries.flatMap((e) => e.tags))].sort((a, b) => a.localeCompare(b));
    },
    staleTime: 60_000,
  });

export const useKbEntry = (id: string | null | undefined) =>
  useQuery({
    queryKey: kbKeys.entry(id ?? ''),
    queryFn: () => api<KbEntry>(`/kb/entries/${id}`),
    enabled: Boolean(id),
    staleTime: 30_000,
  });

/** Admins and supervisors maintain the knowledge base; agents read it and use the test console. */
export function useCanEditKb(): boolean {
  return hasRole(useCurrentUser(), 'supervisor');
}

/** An entry's title: its first question variant. */
export const titleOf = (entry: Pick<KbEntry, 'questions'>): string => entry.questions[0] ?? '';
