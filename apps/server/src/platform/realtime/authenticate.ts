import { unsign } from '@fastify/cookie';
import { SESSION_COOKIE, zAgentHandshake, zCustomerHandshake } from '@warmdesk/protocol';
import type { AgentPrincipal, CustomerPrincipal } from '../auth/principal.js';
import { agentFromApiToken, agentFromSession, customerFromSession } from '../auth/resolve.js';
import type { AppContext } from '../context.js';
import type { IoSocket } from './types.js';

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/**
 * A browser sends cookies on a cross-site WebSocket; a cookie-authenticated agent socket must come from
 * a page of this server, so another site cannot ride an agent's session.
 */
function sameOrigin(socket: IoSocket): boolean {
  const origin = socket.handshake.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === socket.handshake.headers.host;
  } catch {
    return false;
  }
}

export async function authenticateCustomer(ctx: AppContext, socket: IoSocket): Promise<CustomerPrincipal | null> {
  const parsed = zCustomerHandshake.safeParse(socket.handshake.auth);
  if (!parsed.success) return null;
  return customerFromSession(ctx, parsed.data.sessionToken);
}

export async function authenticateAgent(ctx: AppContext, socket: IoSocket): Promise<AgentPrincipal | null> {
  const parsed = zAgentHandshake.safeParse(socket.handshake.auth ?? {});
  if (!parsed.success) return null;
  if (parsed.data.token) return agentFromApiToken(ctx, parsed.data.token);
  const raw = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
  if (!raw || !sameOrigin(socket)) return null;
  // The cookie is signed with the server secret: a forged one is refused without a database lookup.
  const cookie = unsign(raw, ctx.config.sessionSecret);
  return cookie.valid && cookie.value ? agentFromSession(ctx, cookie.value) : null;
}
