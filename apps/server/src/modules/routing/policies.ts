import type { RoutingPolicy } from '@warmdesk/protocol';

/** An available agent (online, connected) as the planner sees them inside the assignment transaction. */
export type Candidate = {
  userId: string;
  capacity: number;
  /** Open or pending conversations assigned now, over all inboxes. */
  load: number;
  /** Of which from the inbox being routed. */
  inboxLoad: number;
  lastAssignedAt: number | null;
  teamIds: readonly string[];
  skills: readonly string[];
};

/** A waiting conversation, in queue order. */
export type Waiting = {
  conversationId: string;
  /** Only members of this team (or of the spill team) take it. */
  teamId: string | null;
  spillTeamId: string | null;
  requiredSkill: string | null;
  /** The agent of the contact's last conversation, for sticky routing. */
  lastAgentId: string | null;
};

export type PlanOptions = {
  policy: RoutingPolicy;
  sticky: boolean;
  /** Teams serving the inbox; empty: every agent. */
  inboxTeamIds: readonly string[];
  /** Per-agent cap for this inbox, besides the agent's own capacity. */
  agentCapacity: number | null;
  /** The clock for round robin bookkeeping within one plan. */
  now: number;
};

export type Assignment = { conversationId: string; userId: string; reason: 'sticky' | RoutingPolicy };

const hasRoom = (c: Candidate, agentCapacity: number | null) =>
  c.load < c.capacity && (agentCapacity === null || c.inboxLoad < agentCapacity);

/** Whether the agent may take the conversation at all (team, spill team, skill, the inbox's serving teams). */
export function mayTake(c: Candidate, w: Waiting, inboxTeamIds: readonly string[]): boolean {
  if (w.requiredSkill && !c.skills.includes(w.requiredSkill)) return false;
  if (w.teamId || w.spillTeamId) {
    return (!!w.teamId && c.teamIds.includes(w.teamId)) || (!!w.spillTeamId && c.teamIds.includes(w.spillTeamId));
  }
  return inboxTeamIds.length === 0 || c.teamIds.some((t) => inboxTeamIds.includes(t));
}

/** Orders agents best-first: round robin by who was assigned longest ago; least load by load over capacity. */
export function rank(policy: RoutingPolicy, candidates: readonly Candidate[]): Candidate[] {
  const assignedAgo = (a: Candidate, b: Candidate) =>
    (a.lastAssignedAt ?? 0) - (b.lastAssignedAt ?? 0) || a.userId.localeCompare(b.userId);
  if (policy === 'least_load') {
    return [...candidates].sort((a, b) => a.load / a.capacity - b.load / b.capacity || assignedAgo(a, b));
  }
  return [...candidates].sort(assignedAgo);
}

/**
 * Decides who takes which waiting conversation, head of the queue first. Pure: the caller holds the row locks and
 * applies the result. A conversation nobody may take now stays waiting; later ones can still be assigned (an agent
 * of another team should not idle behind it).
 */
export function planAssignments(
  waiting: readonly Waiting[],
  agents: readonly Candidate[],
  o: PlanOptions,
): Assignment[] {
  if (o.policy === 'manual') return [];
  const pool = agents.map((a) => ({ ...a }));
  const plan: Assignment[] = [];
  let tick = 0;
  for (const w of waiting) {
    const open = pool.filter((c) => hasRoom(c, o.agentCapacity) && mayTake(c, w, o.inboxTeamIds));
    if (open.length === 0) continue;
    const sticky = o.sticky && w.lastAgentId ? open.find((c) => c.userId === w.lastAgentId) : undefined;
    const chosen = sticky ?? rank(o.policy, open)[0];
    if (!chosen) continue;
    chosen.load += 1;
    chosen.inboxLoad += 1;
    chosen.lastAssignedAt = o.now + tick++;
    plan.push({ conversationId: w.conversationId, userId: chosen.userId, reason: sticky ? 'sticky' : o.policy });
  }
  return plan;
}

/** Free places among the agents, for sizing the batch of waiting conversations to lock. */
export function freeSlots(agents: readonly Candidate[], agentCapacity: number | null): number {
  return agents.reduce((sum, c) => {
    const own = Math.max(0, c.capacity - c.load);
    return sum + (agentCapacity === null ? own : Math.min(own, Math.max(0, agentCapacity - c.inboxLoad)));
  }, 0);
}

/** Seconds until a place at `position` is likely served: position over throughput (free-up rate of all slots). */
export function estimateWaitSeconds(position: number, handleSeconds: number | null, slots: number): number | null {
  if (handleSeconds === null || slots <= 0) return null;
  return Math.round((position * handleSeconds) / slots);
}
