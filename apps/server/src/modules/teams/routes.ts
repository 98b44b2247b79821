import { type Team, zCreateTeamBody, zIdParams, zTeam, zUpdateTeamBody } from '@warmdesk/protocol';
import type { PoolClient } from 'pg';
import { z } from 'zod';
import { transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { agentOf } from '../../platform/http/policy.js';
import { adminRole, agentRole, type RegisterRoutes } from '../../platform/http/routes.js';
import { recordAudit } from '../audit/record-audit.js';

const tags = ['teams'];
type TeamRow = {
  id: string;
  account_id: string;
  name: string;
  skills: string[];
  member_ids: string[];
  created_at: Date;
};

const TEAM_SELECT = `SELECT t.*, COALESCE(array_agg(m.user_id) FILTER (WHERE m.user_id IS NOT NULL), '{}') AS member_ids
  FROM teams t LEFT JOIN team_members m ON m.team_id = t.id`;

const presentTeam = (r: TeamRow): Team => ({
  id: r.id,
  accountId: r.account_id,
  name: r.name,
  skills: r.skills,
  memberIds: r.member_ids,
  createdAt: r.created_at.toISOString(),
});

async function setMembers(client: PoolClient, accountId: string, teamId: string, memberIds: string[]) {
  const unique = [...new Set(memberIds)];
  const { rows } = await client.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM users WHERE account_id = $1 AND id = ANY($2::uuid[])',
    [accountId, unique],
  );
  if (rows[0]?.n !== unique.length) throw new AppError('validation_failed', 'memberIds must be users of this account');
  await client.query('DELETE FROM team_members WHERE team_id = $1', [teamId]);
  await client.query('INSERT INTO team_members (account_id, team_id, user_id) SELECT $1, $2, unnest($3::uuid[])', [
    accountId,
    teamId,
    unique,
  ]);
}

async function loadTeam(client: PoolClient, accountId: string, id: string): Promise<Team> {
  const { rows } = await client.query<TeamRow>(`${TEAM_SELECT} WHERE t.account_id = $1 AND t.id = $2 GROUP BY t.id`, [
    accountId,
    id,
  ]);
  if (!rows[0]) throw new AppError('not_found', 'team not found');
  return presentTeam(rows[0]);
}

const uniqueName = (err: unknown) => {
  if ((err as { code?: string }).code === '23505') return new AppError('conflict', 'a team with this name exists');
  return err;
};

export const teamRoutes: RegisterRoutes = (app, ctx) => {
  app.get(
    '/api/v1/teams',
    { config: { policy: agentRole }, schema: { tags, response: { 200: z.object({ items: z.array(zTeam) }) } } },
    async (req) => {
      const { rows } = await ctx.db.pool.query<TeamRow>(
        `${TEAM_SELECT} WHERE t.account_id = $1 GROUP BY t.id ORDER BY t.name`,
        [agentOf(req).accountId],
      );
      return { items: rows.map(presentTeam) };
    },
  );

  app.post(
    '/api/v1/teams',
    { config: { policy: adminRole }, schema: { tags, body: zCreateTeamBody, response: { 201: zTeam } } },
    async (req, reply) => {
      const admin = agentOf(req);
      const team = await transaction(ctx, async (tx) => {
        const { rows } = await tx.client
          .query<{ id: string }>('INSERT INTO teams (account_id, name, skills) VALUES ($1, $2, $3) RETURNING id', [
            admin.accountId,
            req.body.name,
            req.body.skills,
          ])
          .catch((e) => Promise.reject(uniqueName(e)));
        const id = rows[0]?.id ?? '';
        await setMembers(tx.client, admin.accountId, id, req.body.memberIds);
        await recordAudit(tx.client, admin, 'team.created', { type: 'team', id }, { name: req.body.name });
        return loadTeam(tx.client, admin.accountId, id);
      });
      return reply.code(201).send(team);
    },
  );

  app.patch(
    '/api/v1/teams/:id',
    {
      config: { policy: adminRole },
      schema: { tags, params: zIdParams, body: zUpdateTeamBody, response: { 200: zTeam } },
    },
    async (req) => {
      const admin = agentOf(req);
      return transaction(ctx, async (tx) => {
        await loadTeam(tx.client, admin.accountId, req.params.id);
        await tx.client
          .query(
            'UPDATE teams SET name = COALESCE($3, name), skills = COALESCE($4, skills) WHERE account_id = $1 AND id = $2',
            [admin.accountId, req.params.id, req.body.name ?? null, req.body.skills ?? null],
          )
          .catch((e) => Promise.reject(uniqueName(e)));
        if (req.body.memberIds) await setMembers(tx.client, admin.accountId, req.params.id, req.body.memberIds);
        await recordAudit(tx.client, admin, 'team.updated', { type: 'team', id: req.params.id }, req.body);
        return loadTeam(tx.client, admin.accountId, req.params.id);
      });
    },
  );
};
