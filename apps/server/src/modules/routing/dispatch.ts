import { type AppContext, type Tx, transaction } from '../../platform/context.js';
import { CONVERSATION_CHANGED } from '../conversations/events.js';
import type { ConversationRow } from '../conversations/presenter.js';
import { CONVERSATION_SELECT } from '../conversations/queries.js';
import { notifyRoutedAssignees } from '../notifications/notify-assignee.js';
import { type Candidate, freeSlots, planAssignments, type Waiting } from './policies.js';
import { PRESENCE_FRESH, QUEUE_ORDER, WAITING } from './queue-sql.js';
import { recordDecisions } from './record-decision.js';
import type { InboxRouting } from './settings.js';

/** Most conversations one transaction assigns; more waiting means another round right after. */
const BATCH = 50;

/**
 * Available agents of the account, locked in id order: online, active, with a workspace open on some server
 * process. A row another transaction holds (a round for another inbox or on another process, a manual
 * assignment) is waited for, not skipped: those transactions are short, and a round that skipped a busy agent
 * concluded "everyone is full" while that agent had room (rounds of two inboxes kicked together kept missing each
 * other's agents for seconds). The loads are counted after the locks, so they include what the other transaction
 * assigned, and two processes never fill the same agent. Row locks on conversations and users are
 * `FOR NO KEY UPDATE` throughout: they exclude each other as `FOR UPDATE` would, but not the key-share locks of
 * foreign-key checks, so a message or status change that refers to an agent no longer waits for a routing round.
 */
async function lockAvailableAgents(tx: Tx, accountId: string, inboxId: string): Promise<Candidate[]> {
  const { rows } = await tx.client.query<{
    id: string;
    capacity: number;
    last_assigned_at: Date | null;
    team_ids: string[];
    skills: string[];
  }>(
    `SELECT u.id, u.capacity, u.last_assigned_at,
            ARRAY(SELECT tm.team_id::text FROM team_members tm WHERE tm.user_id = u.id) AS team_ids,
            ARRAY(SELECT DISTINCT s FROM team_members tm JOIN teams t ON t.id = tm.team_id, unnest(t.skills) s
                   WHERE tm.user_id = u.id) AS skills
       FROM users u
      WHERE u.account_id = $1 AND u.active AND u.status = 'online' AND u.invite_token_hash IS NULL AND u.capacity > 0
        AND EXISTS (SELECT 1 FROM agent_presence p
                     WHERE p.user_id = u.id AND p.sockets > 0 AND p.heartbeat_at > now() - ${PRESENCE_FRESH})
      ORDER BY u.id
        FOR NO KEY UPDATE OF u`,
    [accountId],
  );
  if (rows.length === 0) return [];
  const loads = await tx.client.query<{ user_id: string; total: number; in_inbox: number }>(
    `SELECT assignee_user_id AS user_id, count(*)::int AS total, count(*) FILTER (WHERE inbox_id = $3)::int AS in_inbox
       FROM conversations
      WHERE account_id = $1 AND assignee_user_id = ANY($2::uuid[]) AND status IN ('open', 'pending')
      GROUP BY assignee_user_id`,
    [accountId, rows.map((r) => r.id), inboxId],
  );
  const byUser = new Map(loads.rows.map((l) => [l.user_id, l]));
  return rows.map((r) => ({
    userId: r.id,
    capacity: r.capacity,
    load: byUser.get(r.id)?.total ?? 0,
    inboxLoad: byUser.get(r.id)?.in_inbox ?? 0,
    lastAssignedAt: r.last_assigned_at?.getTime() ?? null,
    teamIds: r.team_ids,
    skills: r.skills,
  }));
}

/** The head of the inbox's queue, locked; rows another dispatcher holds are skipped. */
async function lockQueueHead(tx: Tx, inbox: InboxRouting, limit: number): Promise<(Waiting & { queuedAt: Date })[]> {
  const { rows } = await tx.client.query<{
    id: string;
    contact_id: string;
    team_id: string | null;
    spill_team_id: string | null;
    required_skill: string | null;
    queued_at: Date;
  }>(
    `SELECT c.id, c.contact_id, c.team_id, c.spill_team_id, c.required_skill, c.queued_at
       FROM conversations c
      WHERE c.inbox_id = $1 AND ${WAITING('c')}
      ORDER BY ${QUEUE_ORDER('c', inbox.routing.vipFirst)}
      LIMIT $2
        FOR NO KEY UPDATE OF c SKIP LOCKED`,
    [inbox.id, limit],
  );
  const lastAgents = new Map<string, string>();
  if (inbox.routing.sticky && rows.length > 0) {
    const last = await tx.client.query<{ contact_id: string; assignee_user_id: string }>(
      `SELECT DISTINCT ON (contact_id) contact_id, assignee_user_id FROM conversations
        WHERE account_id = $1 AND contact_id = ANY($2::uuid[]) AND assignee_user_id IS NOT NULL
          AND NOT (id = ANY($3::uuid[]))
        ORDER BY contact_id, created_at DESC`,
      [inbox.accountId, rows.map((r) => r.contact_id), rows.map((r) => r.id)],
    );
    for (const l of last.rows) lastAgents.set(l.contact_id, l.assignee_user_id);
  }
  return rows.map((r) => ({
    conversationId: r.id,
    teamId: r.team_id,
    spillTeamId: r.spill_team_id,
    requiredSkill: r.required_skill,
    lastAgentId: lastAgents.get(r.contact_id) ?? null,
    queuedAt: r.queued_at,
  }));
}

/**
 * Assigns the planned conversations and stamps their agents' last assignment, in one statement that also returns
 * the agents' names (for the timeline) and what each customer said last (for the assignees' notifications).
 */
async function assign(
  tx: Tx,
  plan: readonly { conversationId: string; userId: string }[],
): Promise<{ nameOf: Map<string, string>; said: Map<string, string> }> {
  const { rows } = await tx.client.query<{ kind: 'name' | 'said'; key: string; value: string }>(
    `WITH assigned AS (
       UPDATE conversations c SET assignee_user_id = p.user_id, assignee_bot_id = NULL, queued_at = NULL,
              assigned_at = now(), updated_at = now()
         FROM unnest($1::uuid[], $2::uuid[]) AS p(conversation_id, user_id)
        WHERE c.id = p.conversation_id
       RETURNING c.id),
     stamped AS (
       UPDATE users u SET last_assigned_at = clock_timestamp() FROM unnest($3::uuid[]) AS p(user_id)
        WHERE u.id = p.user_id RETURNING u.id, u.name)
     SELECT 'name' AS kind, id::text AS key, name AS value FROM stamped
     UNION ALL
     (SELECT DISTINCT ON (conversation_id) 'said', conversation_id::text, content FROM messages
       WHERE conversation_id = ANY($1::uuid[]) AND sender_type = 'contact'
       ORDER BY conversation_id, seq DESC)`,
    [plan.map((p) => p.conversationId), plan.map((p) => p.userId), [...new Set(plan.map((p) => p.userId))]],
  );
  const of = (kind: 'name' | 'said') => new Map(rows.filter((r) => r.kind === kind).map((r) => [r.key, r.value]));
  return { nameOf: of('name'), said: of('said') };
}

export type RoundResult = {
  assigned: number;
  /** More may be waiting with places free: another round right away. */
  more: boolean;
  /** No available agent had a free place. */
  full: boolean;
};

/**
 * One round of routing for an inbox, in one transaction: lock available agents and the head of the queue, plan,
 * assign, record each decision. Returns how many conversations were assigned and whether more may be waiting.
 */
export async function dispatchRound(ctx: AppContext, inbox: InboxRouting): Promise<RoundResult> {
  if (inbox.routing.policy === 'manual') return { assigned: 0, more: false, full: false };
  return transaction(ctx, async (tx) => {
    const agents = await lockAvailableAgents(tx, inbox.accountId, inbox.id);
    const slots = freeSlots(agents, inbox.routing.agentCapacity);
    if (slots === 0) return { assigned: 0, more: false, full: true };
    const limit = Math.min(BATCH, slots * 2);
    const waiting = await lockQueueHead(tx, inbox, limit);
    const plan = planAssignments(waiting, agents, {
      policy: inbox.routing.policy,
      sticky: inbox.routing.sticky,
      inboxTeamIds: inbox.routing.teamIds,
      agentCapacity: inbox.routing.agentCapacity,
      now: Date.now(),
    });
    if (plan.length === 0) return { assigned: 0, more: false, full: false };
    const { nameOf, said } = await assign(tx, plan);
    const queuedAt = new Map(waiting.map((w) => [w.conversationId, w.queuedAt]));
    await recordDecisions(
      tx,
      plan.map((p) => ({
        ref: { accountId: inbox.accountId, conversationId: p.conversationId, inboxId: inbox.id },
        decision: 'assigned' as const,
        details: {
          to: p.userId,
          toName: nameOf.get(p.userId) ?? null,
          policy: inbox.routing.policy,
          reason: p.reason,
          waitMs: Date.now() - (queuedAt.get(p.conversationId)?.getTime() ?? Date.now()),
        },
      })),
    );
    const rows = await tx.client.query<ConversationRow>(`${CONVERSATION_SELECT} WHERE c.id = ANY($1::uuid[])`, [
      plan.map((p) => p.conversationId),
    ]);
    // 'routed', not 'assignee': routing's own assignments free nobody, so they need no further routing round.
    await tx.emitAll(
      rows.rows.map((row) => ({
        accountId: inbox.accountId,
        type: CONVERSATION_CHANGED,
        payload: { conversation: row, changes: ['routed'] },
      })),
    );
    await notifyRoutedAssignees(
      tx,
      inbox.accountId,
      plan.map((p) => ({
        conversationId: p.conversationId,
        assigneeId: p.userId,
        said: said.get(p.conversationId) ?? '',
      })),
    );
    ctx.metrics.routingDecisions.inc({ decision: 'assigned' }, plan.length);
    return {
      assigned: plan.length,
      more: waiting.length === limit && plan.length === waiting.length,
      full: plan.length === slots,
    };
  });
}
