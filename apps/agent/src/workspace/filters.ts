import type { ConversationListItem, ConversationStatus } from '@warmdesk/protocol';

export type View = 'mine' | 'unassigned' | 'all';
export type StatusFilter = ConversationStatus | 'any';

/** What the conversation list shows; kept in the URL's search params so a link or a reload shows the same list. */
export type ListFilters = {
  view: View;
  status: StatusFilter;
  inboxId?: string;
  teamId?: string;
  label?: string;
  q?: string;
};

/** The list endpoint's query for some filters (part of the TanStack Query key, so cached lists can be matched). */
export type ListQuery = {
  status?: ConversationStatus;
  assigneeId?: string;
  inboxId?: string;
  teamId?: string;
  label?: string;
  contactId?: string;
  q?: string;
};

export const VIEWS: View[] = ['mine', 'unassigned', 'all'];
export const STATUSES: ConversationStatus[] = ['open', 'pending', 'snoozed', 'resolved', 'closed'];

const isView = (v: string | null): v is View => v === 'mine' || v === 'unassigned' || v === 'all';
const isStatus = (v: string | null): v is StatusFilter => v === 'any' || STATUSES.includes(v as ConversationStatus);

export function parseFilters(params: URLSearchParams): ListFilters {
  const view = params.get('view');
  const status = params.get('status');
  return {
    view: isView(view) ? view : 'mine',
    status: isStatus(status) ? status : 'open',
    inboxId: params.get('inbox') ?? undefined,
    teamId: params.get('team') ?? undefined,
    label: params.get('label') ?? undefined,
    q: params.get('q')?.trim() || undefined,
  };
}

/** Only what differs from the defaults goes into the URL. */
export function filtersToParams(f: ListFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.view !== 'mine') params.set('view', f.view);
  if (f.status !== 'open') params.set('status', f.status);
  if (f.inboxId) params.set('inbox', f.inboxId);
  if (f.teamId) params.set('team', f.teamId);
  if (f.label) params.set('label', f.label);
  if (f.q) params.set('q', f.q);
  return params;
}

export function toListQuery(f: ListFilters, meId: string): ListQuery {
  const query: ListQuery = {};
  if (f.status !== 'any') query.status = f.status;
  if (f.view === 'mine') query.assigneeId = meId;
  if (f.view === 'unassigned') query.assigneeId = 'none';
  if (f.inboxId) query.inboxId = f.inboxId;
  if (f.teamId) query.teamId = f.teamId;
  if (f.label) query.label = f.label;
  if (f.q) query.q = f.q;
  return query;
}

/**
 * Whether a conversation belongs in a cached list. A search list (`q`) is only kept up to date, never grown:
 * whether a conversation matches the text is for the server to say.
 */
export function matchesQuery(item: ConversationListItem, q: ListQuery): boolean | 'unknown' {
  if (q.status && item.status !== q.status) return false;
  if (q.assigneeId === 'none' && item.assignee !== null) return false;
  if (q.assigneeId && q.assigneeId !== 'none' && !(item.assignee?.type === 'user' && item.assignee.id === q.assigneeId))
    return false;
  if (q.inboxId && item.inboxId !== q.inboxId) return false;
  if (q.teamId && item.teamId !== q.teamId) return false;
  if (q.label && !item.labels.includes(q.label)) return false;
  if (q.contactId && item.contactId !== q.contactId) return false;
  if (q.q) return 'unknown';
  return true;
}
