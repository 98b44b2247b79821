import { type InfiniteData, notifyManager, type QueryClient } from '@tanstack/react-query';
import type { Conversation, ConversationListItem } from '@warmdesk/protocol';
import { api } from '../api/http';
import { keys } from '../api/queries';
import { type ListQuery, matchesQuery } from './filters';

export type ListPage = { items: ConversationListItem[]; nextCursor: string | null };
export type ListData = InfiniteData<ListPage, string | null>;

export const LIST_PREFIX = [...keys.conversations, 'list'] as const;
export const listKey = (query: ListQuery) => [...LIST_PREFIX, query] as const;

/** The server lists newest activity first; a changed conversation moves to where the server would put it. */
const newerFirst = (a: ConversationListItem, b: ConversationListItem) =>
  b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id);

function placeInList(data: ListData, query: ListQuery, item: ConversationListItem): ListData {
  const present = data.pages.some((p) => p.items.some((i) => i.id === item.id));
  const match = matchesQuery(item, query);
  if (match === 'unknown') {
    if (!present) return data;
    return {
      ...data,
      pages: data.pages.map((p) => ({ ...p, items: p.items.map((i) => (i.id === item.id ? item : i)) })),
    };
  }
  const pages = present
    ? data.pages.map((p) => ({ ...p, items: p.items.filter((i) => i.id !== item.id) }))
    : [...data.pages];
  if (!match) return present ? { ...data, pages } : data;
  // Keep it in the page where it sorts; anything newer than the loaded pages goes into the first one.
  let target = pages.findIndex((p, n) => {
    const last = p.items[p.items.length - 1];
    return !last || newerFirst(item, last) <= 0 || n === pages.length - 1;
  });
  if (target < 0) target = 0;
  const page = pages[target];
  if (!page) return data;
  // An item older than everything loaded, with more pages still to come, arrives with those pages.
  const last = page.items[page.items.length - 1];
  if (last && newerFirst(item, last) > 0 && page.nextCursor) return { ...data, pages };
  pages[target] = { ...page, items: [...page.items, item].sort(newerFirst) };
  return { ...data, pages };
}

const newerState = (a: ConversationListItem, b: ConversationListItem) =>
  a.lastSeq > b.lastSeq || (a.lastSeq === b.lastSeq && a.updatedAt > b.updatedAt);

/**
 * A page just fetched may predate events that arrived while it was in flight (they went into each
 * conversation's own cache entry, as the list had no data yet): the newer state wins, and the first page also
 * takes conversations announced meanwhile that belong in this list.
 */
export function reconcilePage(qc: QueryClient, query: ListQuery, page: ListPage, first: boolean): ListPage {
  const items = page.items.map((item) => {
    const own = qc.getQueryData<ConversationListItem>(keys.conversation(item.id));
    return own && newerState(own, item) ? own : item;
  });
  if (first) {
    const present = new Set(items.map((i) => i.id));
    const last = items[items.length - 1];
    for (const [, own] of qc.getQueriesData<ConversationListItem>({ queryKey: ['conversation'] })) {
      if (!own || present.has(own.id) || matchesQuery(own, query) !== true) continue;
      if (!last || !page.nextCursor || newerFirst(own, last) <= 0) items.push(own);
    }
    items.sort(newerFirst);
  }
  return { ...page, items };
}

/** Puts the latest state of a conversation into every cached list and its own entry. */
export function upsertConversation(qc: QueryClient, item: ConversationListItem): void {
  qc.setQueryData<ConversationListItem>(keys.conversation(item.id), item);
  for (const query of qc.getQueryCache().findAll({ queryKey: LIST_PREFIX })) {
    const data = query.state.data as ListData | undefined;
    const listQuery = query.queryKey[2] as ListQuery | undefined;
    if (!data || !listQuery) continue;
    const next = placeInList(data, listQuery, item);
    if (next !== data) qc.setQueryData<ListData>(query.queryKey, next);
  }
}

export function findCachedConversation(qc: QueryClient, id: string): ConversationListItem | undefined {
  const own = qc.getQueryData<ConversationListItem>(keys.conversation(id));
  if (own) return own;
  for (const [, data] of qc.getQueriesData<ListData>({ queryKey: LIST_PREFIX })) {
    for (const page of data?.pages ?? []) {
      const found = page.items.find((i) => i.id === id);
      if (found) return found;
    }
  }
  return undefined;
}

/** Changes a cached conversation; false when it is not in the cache. */
export function patchConversation(
  qc: QueryClient,
  id: string,
  patch: (item: ConversationListItem) => ConversationListItem,
): boolean {
  const cached = findCachedConversation(qc, id);
  if (!cached) return false;
  upsertConversation(qc, patch(cached));
  return true;
}

const inFlight = new Map<string, Promise<ConversationListItem | undefined>>();
/** Changes announced while the conversation was being fetched; the newer state wins. */
const lateUpdates = new Map<string, Conversation>();

/** Fetches a conversation the cache does not know yet (once, however many events name it meanwhile). */
export function fetchConversation(qc: QueryClient, id: string): Promise<ConversationListItem | undefined> {
  const pending = inFlight.get(id);
  if (pending) return pending;
  const request = api<ConversationListItem>(`/conversations/${id}`)
    .then((fetched) => {
      const late = lateUpdates.get(id);
      const item = late && late.updatedAt > fetched.updatedAt ? { ...fetched, ...late } : fetched;
      upsertConversation(qc, item);
      return item;
    })
    .catch(() => undefined)
    .finally(() => {
      inFlight.delete(id);
      lateUpdates.delete(id);
    });
  inFlight.set(id, request);
  return request;
}

/** A `conversation:updated` event: the cached entry takes the new fields, an unknown one is fetched whole. */
export function applyConversationUpdate(qc: QueryClient, conversation: Conversation): void {
  if (inFlight.has(conversation.id)) {
    lateUpdates.set(conversation.id, conversation);
    return;
  }
  if (!patchConversation(qc, conversation.id, (cached) => ({ ...cached, ...conversation })))
    void fetchConversation(qc, conversation.id);
}

/** A `conversations:updated` batch: each as a `conversation:updated`, the lists re-rendered once for all. */
export function applyConversationUpdates(qc: QueryClient, conversations: Conversation[]): void {
  notifyManager.batch(() => {
    for (const conversation of conversations) applyConversationUpdate(qc, conversation);
  });
}
