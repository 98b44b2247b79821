import type { AppContext } from '../context.js';
import type { AgentPrincipal, CustomerPrincipal } from './principal.js';
import { hashToken } from './tokens.js';

type AgentRow = { user_id: string; account_id: string; role: AgentPrincipal['role']; name: string };

/** Agent from a session cookie value; expired sessions and deactivated users are refused. */
export async function agentFromSession(ctx: AppContext, token: string): Promise<AgentPrincipal | null> {
  const { rows } = await ctx.db.pool.query<AgentRow & { session_id: string; csrf_token: string }>(
    `SELECT s.id AS session_id, s.csrf_token, u.id AS user_id, u.account_id, u.role, u.name
       FROM agent_sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`,
    [hashToken(token)],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    kind: 'agent',
    accountId: r.account_id,
    userId: r.user_id,
    role: r.role,
    name: r.name,
    via: 'session',
    sessionId: r.session_id,
    csrfToken: r.csrf_token,
    scopes: ['read', 'write'],
  };
}

/** Agent from an API token (Bearer); acts as the token's user with the token's scopes. */
export async function agentFromApiToken(ctx: AppContext, token: string): Promise<AgentPrincipal | null> {
  const { rows } = await ctx.db.pool.query<AgentRow & { token_id: string; scopes: string[]; stale: boolean }>(
    `SELECT t.id AS token_id, t.scopes, u.id AS user_id, u.account_id, u.role, u.name,
            (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale
       FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active`,
    [hashToken(token)],
  );
  const r = rows[0];
  if (!r) return null;
  if (r.stale) {
    ctx.db.pool.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [r.token_id]).catch(() => undefined);
  }
  return {
    kind: 'agent',
    accountId: r.account_id,
    userId: r.user_id,
    role: r.role,
    name: r.name,
    via: 'token',
    tokenId: r.token_id,
    scopes: r.scopes.filter((s): s is 'read' | 'write' => s === 'read' || s === 'write'),
  };
}

/** Customer from a widget session token (one per contact and inbox). */
export async function customerFromSession(ctx: AppContext, token: string): Promise<CustomerPrincipal | null> {
  const { rows } = await ctx.db.pool.query<{ id: string; account_id: string; inbox_id: string; contact_id: string }>(
    'SELECT id, account_id, inbox_id, contact_id FROM contact_inboxes WHERE session_token_hash = $1',
    [hashToken(token)],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    kind: 'customer',
    accountId: r.account_id,
    inboxId: r.inbox_id,
    contactId: r.contact_id,
    contactInboxId: r.id,
  };
}
