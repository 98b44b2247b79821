import type { Role, User, UserStatus } from '@warmdesk/protocol';

export type UserRow = {
  id: string;
  account_id: string;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  capacity: number;
  active: boolean;
  locale: 'zh-CN' | 'en' | null;
  invited: boolean;
  created_at: Date;
};

export const USER_COLUMNS =
  'id, account_id, email, name, role, status, capacity, active, locale, invite_token_hash IS NOT NULL AS invited, created_at';

export const presentUser = (r: UserRow): User => ({
  id: r.id,
  accountId: r.account_id,
  email: r.email,
  name: r.name,
  role: r.role,
  status: r.status,
  capacity: r.capacity,
  active: r.active,
  locale: r.locale,
  invited: r.invited,
  createdAt: r.created_at.toISOString(),
});
