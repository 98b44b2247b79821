import { buildEngine, type Engine, fuse, type Ranking, type Signals } from '../../packages/bot/src/match/engine.js';
import type { Embedder } from '../../packages/bot/src/types.js';
import type { Query, Scenario } from './scenarios.js';

export interface Evaluated {
  name: string;
  engine: Engine;
  queries: { query: Query; signals: Signals }[];
  buildSeconds: number;
}

export async function evaluate(scenario: Scenario, embedder: Embedder | null): Promise<Evaluated> {
  const started = performance.now();
  const engine = await buildEngine(scenario.entries, { embedder, userDictionary: scenario.userDictionary });
  const buildSeconds = (performance.now() - started) / 1000;
  const queries: Evaluated['queries'] = [];
  for (const query of scenario.queries) queries.push({ query, signals: await engine.signals(query.text) });
  return { name: scenario.name, engine, queries, buildSeconds };
}

/** Whether the ranking's top entry is one of the query's right entries (never, for out-of-scope queries). */
export function topIsRight(engine: Engine, ranking: Ranking, query: Query): boolean {
  const top = ranking.ranked[0];
  return query.gold !== null && top !== undefined && query.gold.has(engine.ids[top.entry] ?? '');
}

export function rankOfGold(engine: Engine, ranking: Ranking, query: Query): number {
  if (query.gold === null) return -1;
  const gold = query.gold;
  return ranking.ranked.findIndex((c) => gold.has(engine.ids[c.entry] ?? ''));
}

export function rank(evaluated: Evaluated, blend?: Record<string, number>): Ranking[] {
  const own = evaluated.engine.settings.profiles[evaluated.engine.profile].blend;
  return evaluated.queries.map(({ signals }) => fuse(signals, blend ?? own));
}
