import { useQuery } from '@tanstack/react-query';
import type {
  AccountSettings,
  CannedResponse,
  ConversationCounts,
  Inbox,
  LabelDefinition,
  QueueList,
  RoutingAgent,
  RoutingReport,
  Team,
  User,
} from '@warmdesk/protocol';
import { api } from './http';

/** List endpoints answer `{ items }`. Query keys shared by the workspace and the admin console, so a change in one refreshes the other. */
export const keys = {
  users: ['users'] as const,
  teams: ['teams'] as const,
  inboxes: ['inboxes'] as const,
  inbox: (id: string) => ['inboxes', id] as const,
  labels: ['labels'] as const,
  canned: ['canned-responses'] as const,
  account: ['account'] as const,
  counts: ['conversation-counts'] as const,
  conversations: ['conversations'] as const,
  conversation: (id: string) => ['conversation', id] as const,
  messages: (id: string) => ['messages', id] as const,
  contact: (id: string) => ['contact', id] as const,
  notifications: ['notifications'] as const,
  queue: ['queue'] as const,
  routingAgents: ['routing-agents'] as const,
  routingReport: ['routing-report'] as const,
};

const LONG = 5 * 60_000;
type Items<T> = { items: T[] };
const items = <T>(path: string) => api<Items<T>>(path).then((r) => r.items);

export const useUsers = () => useQuery({ queryKey: keys.users, queryFn: () => items<User>('/users'), staleTime: LONG });
export const useTeams = () => useQuery({ queryKey: keys.teams, queryFn: () => items<Team>('/teams'), staleTime: LONG });
export const useInboxes = () =>
  useQuery({ queryKey: keys.inboxes, queryFn: () => items<Inbox>('/inboxes'), staleTime: LONG });
export const useLabels = () =>
  useQuery({ queryKey: keys.labels, queryFn: () => items<LabelDefinition>('/labels'), staleTime: LONG });
export const useCannedResponses = () =>
  useQuery({ queryKey: keys.canned, queryFn: () => items<CannedResponse>('/canned-responses'), staleTime: LONG });
export const useAccount = () =>
  useQuery({ queryKey: keys.account, queryFn: () => api<AccountSettings>('/account'), staleTime: LONG });
export const useConversationCounts = () =>
  useQuery({ queryKey: keys.counts, queryFn: () => api<ConversationCounts>('/conversations/counts') });

/** Routing views poll as well as refetching on socket events: waiting times and loads change without events. */
const LIVE = 5_000;

/** Waiting conversations in queue order (GET /queue), every inbox or one. */
export const useQueue = (inboxId?: string) =>
  useQuery({
    queryKey: [...keys.queue, inboxId ?? 'all'],
    queryFn: () => api<QueueList>('/queue', { query: { inboxId } }),
    refetchInterval: LIVE,
  });
/** Agents as routing sees them: status, connection, load and capacity (supervisors and admins). */
export const useRoutingAgents = (enabled = true) =>
  useQuery({
    queryKey: keys.routingAgents,
    queryFn: () => items<RoutingAgent>('/routing/agents'),
    refetchInterval: LIVE,
    enabled,
  });
/** Routing decisions and queue waits since `from` (supervisors and admins). */
export const useRoutingReport = (from: string, enabled = true) =>
  useQuery({
    queryKey: [...keys.routingReport, from],
    queryFn: () => api<RoutingReport>('/reports/routing', { query: { from } }),
    refetchInterval: 30_000,
    enabled,
  });
