import type { AppContext } from '../context.js';
import type { WarmdeskHttp } from './app.js';

/** Each module exports one of these; the server registers them all. */
export type RegisterRoutes = (app: WarmdeskHttp, ctx: AppContext) => void;

export const agentRole = { role: 'agent' } as const;
export const supervisorRole = { role: 'supervisor' } as const;
export const adminRole = { role: 'admin' } as const;
