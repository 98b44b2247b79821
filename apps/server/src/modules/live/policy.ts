import type { AgentPrincipal } from '../../platform/auth/principal.js';
import { hasRole } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/errors.js';
import type { RoomRow } from './presenter.js';

export const roomNotFound = () => new AppError('not_found', 'live room not found');

/** The host or a co-host of the room. */
export const hostsRoom = (p: AgentPrincipal, row: Pick<RoomRow, 'host_user_id' | 'co_host_user_ids'>) =>
  row.host_user_id === p.userId || row.co_host_user_ids.includes(p.userId);

/** Admins and supervisors manage every room of their account; agents the rooms they host or co-host. */
export const managesRoom = (p: AgentPrincipal, row: Pick<RoomRow, 'host_user_id' | 'co_host_user_ids'>) =>
  hasRole(p, 'supervisor') || hostsRoom(p, row);

export function assertManages(p: AgentPrincipal, row: RoomRow): RoomRow {
  if (!managesRoom(p, row))
    throw new AppError('forbidden', 'only the host, co-hosts, supervisors and admins manage this room');
  return row;
}
