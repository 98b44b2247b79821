import type { Role } from '@warmdesk/protocol';

export type AgentPrincipal = {
  kind: 'agent';
  accountId: string;
  userId: string;
  role: Role;
  name: string;
  via: 'session' | 'token';
  sessionId?: string;
  csrfToken?: string;
  tokenId?: string;
  scopes: ReadonlyArray<'read' | 'write'>;
};

export type CustomerPrincipal = {
  kind: 'customer';
  accountId: string;
  inboxId: string;
  contactId: string;
  contactInboxId: string;
};

export type Principal = AgentPrincipal | CustomerPrincipal;

const rank: Record<Role, number> = { agent: 1, supervisor: 2, admin: 3 };
export const hasRole = (p: AgentPrincipal, min: Role) => rank[p.role] >= rank[min];
