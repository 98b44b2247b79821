import type { Pool, PoolClient } from 'pg';
import type { AgentPrincipal } from '../../platform/auth/principal.js';

/** Admin and security-relevant actions leave a row: who, what, on which target. */
export async function recordAudit(
  db: Pool | PoolClient,
  actor: AgentPrincipal | { kind: 'system'; accountId: string },
  action: string,
  target: { type: string; id: string | null },
  details: Record<string, unknown> = {},
): Promise<void> {
  const actorType = actor.kind === 'system' ? 'system' : actor.via === 'token' ? 'api_token' : 'user';
  const actorId = actor.kind === 'system' ? null : actor.via === 'token' ? (actor.tokenId ?? null) : actor.userId;
  await db.query(
    `INSERT INTO audit_log (account_id, actor_type, actor_id, action, target_type, target_id, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [actor.accountId, actorType, actorId, action, target.type, target.id, details],
  );
}
