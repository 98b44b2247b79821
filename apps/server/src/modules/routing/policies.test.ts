import { describe, expect, it } from 'vitest';
import {
  type Candidate,
  estimateWaitSeconds,
  freeSlots,
  type PlanOptions,
  planAssignments,
  type Waiting,
} from './policies.js';

const agent = (userId: string, over: Partial<Candidate> = {}): Candidate => ({
  userId,
  capacity: 5,
  load: 0,
  inboxLoad: 0,
  lastAssignedAt: null,
  teamIds: [],
  skills: [],
  ...over,
});
const waiting = (conversationId: string, over: Partial<Waiting> = {}): Waiting => ({
  conversationId,
  teamId: null,
  spillTeamId: null,
  requiredSkill: null,
  lastAgentId: null,
  ...over,
});
const opts = (over: Partial<PlanOptions> = {}): PlanOptions => ({
  policy: 'least_load',
  sticky: true,
  inboxTeamIds: [],
  agentCapacity: null,
  now: 1_000,
  ...over,
});
const who = (plan: { userId: string }[]) => plan.map((p) => p.userId);

describe('routing policies', () => {
  it('manual assigns nobody', () => {
    expect(planAssignments([waiting('c1')], [agent('a')], opts({ policy: 'manual' }))).toEqual([]);
  });

  it('round robin takes turns, starting with whoever was assigned longest ago', () => {
    const agents = [
      agent('a', { lastAssignedAt: 300 }),
      agent('b', { lastAssignedAt: 100 }),
      agent('c', { lastAssignedAt: 200 }),
    ];
    const plan = planAssignments(
      ['1', '2', '3', '4'].map((id) => waiting(id)),
      agents,
      opts({ policy: 'round_robin' }),
    );
    expect(who(plan)).toEqual(['b', 'c', 'a', 'b']);
    expect(plan.every((p) => p.reason === 'round_robin')).toBe(true);
  });

  it('least load fills the emptiest agent relative to capacity first', () => {
    const agents = [
      agent('busy', { load: 3, capacity: 4 }),
      agent('big', { load: 2, capacity: 10 }),
      agent('idle', { load: 1, capacity: 2 }),
    ];
    // Load over capacity: busy 0.75, big 0.2, idle 0.5. Big takes three (to 0.5); the tie goes to idle, assigned longer ago.
    const plan = planAssignments(
      ['1', '2', '3', '4'].map((id) => waiting(id)),
      agents,
      opts(),
    );
    expect(who(plan)).toEqual(['big', 'big', 'big', 'idle']);
  });

  it('never goes above an agent capacity or the inbox cap; leftovers keep waiting', () => {
    const plan = planAssignments(
      ['1', '2', '3', '4', '5'].map((id) => waiting(id)),
      [agent('a', { capacity: 2 }), agent('b', { capacity: 5, inboxLoad: 1 })],
      opts({ agentCapacity: 2 }),
    );
    expect(who(plan).sort()).toEqual(['a', 'a', 'b']);
    expect(freeSlots([agent('a', { capacity: 2 }), agent('b', { capacity: 5, inboxLoad: 1 })], 2)).toBe(3);
  });

  it('sticky sends a returning customer to their last agent when that agent has room, else falls back', () => {
    const agents = [agent('a'), agent('b', { load: 4 })];
    const plan = planAssignments(
      [waiting('1', { lastAgentId: 'b' }), waiting('2', { lastAgentId: 'b' })],
      agents,
      opts(),
    );
    expect(plan).toEqual([
      { conversationId: '1', userId: 'b', reason: 'sticky' },
      { conversationId: '2', userId: 'a', reason: 'least_load' },
    ]);
    expect(who(planAssignments([waiting('1', { lastAgentId: 'b' })], agents, opts({ sticky: false })))).toEqual(['a']);
  });

  it('team and skill: only members take it, a spill team too; others are not blocked behind it', () => {
    const agents = [
      agent('sales', { teamIds: ['t-sales'] }),
      agent('video', { teamIds: ['t-video'], skills: ['video'] }),
    ];
    const plan = planAssignments(
      [
        waiting('needs-support', { teamId: 't-support' }),
        waiting('needs-video', { requiredSkill: 'video' }),
        waiting('sales-q', { teamId: 't-sales' }),
        waiting('spilled', { teamId: 't-support', spillTeamId: 't-sales' }),
      ],
      agents,
      opts(),
    );
    expect(plan.map((p) => `${p.conversationId}:${p.userId}`)).toEqual([
      'needs-video:video',
      'sales-q:sales',
      'spilled:sales',
    ]);
    // An inbox served by some teams: agents outside them get nothing from it.
    expect(planAssignments([waiting('x')], agents, opts({ inboxTeamIds: ['t-video'] })).map((p) => p.userId)).toEqual([
      'video',
    ]);
  });

  it('estimates the wait from handle time and the places available', () => {
    expect(estimateWaitSeconds(10, 120, 20)).toBe(60);
    expect(estimateWaitSeconds(1, null, 20)).toBeNull();
    expect(estimateWaitSeconds(1, 120, 0)).toBeNull();
  });
});
