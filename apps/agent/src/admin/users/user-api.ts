import type { Invitation, Role, User } from '@warmdesk/protocol';
import { api } from '../../api/http';

export type { Invitation };

export type InviteValues = { email: string; name: string; role: Role; capacity: number };
export type CreateUserValues = InviteValues & { password: string };
export type UserPatch = Partial<Pick<User, 'name' | 'role' | 'capacity' | 'active'>>;

export const inviteUser = (body: InviteValues) => api<Invitation>('/users/invite', { method: 'POST', body });
export const resendInvite = (id: string) => api<Invitation>(`/users/${id}/invite`, { method: 'POST' });
export const createUser = (body: CreateUserValues) => api<User>('/users', { method: 'POST', body });
export const updateUser = (id: string, body: UserPatch) => api<User>(`/users/${id}`, { method: 'PATCH', body });

/** The invite link as the server gave it, made absolute for copying. */
export const absoluteUrl = (url: string) => new URL(url, window.location.origin).toString();
