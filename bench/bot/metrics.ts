import type { ModelSettings } from '../../packages/bot/src/match/confidence.js';
import { groupConfidence } from '../../packages/bot/src/match/engine.js';
import type { Evaluated } from './evaluate.js';
import { rank, rankOfGold } from './evaluate.js';

const round = (x: number) => Math.round(x * 1000) / 1000;

export interface ScenarioFigures {
  n: number;
  profile: string;
  /** In-scope queries whose top-ranked entry is right (before any hand-off). */
  top1: number;
  recall5: number;
  /** In-scope queries answered (answer or suggest) with the right entry. */
  inScopeAccuracy: number;
  /** Present when the scenario has out-of-scope queries. */
  oos?: { n: number; recall: number; precision: number };
  /** Right answers plus right hand-offs, over all queries. */
  overall: number;
  handoffRate: number;
  buildSeconds: number;
}

/** Figures of one scenario under `settings` (by default the shipped ones of the engine's model). */
export function figures(evaluated: Evaluated, settings: ModelSettings = evaluated.engine.settings): ScenarioFigures {
  const { engine } = evaluated;
  const rankings = rank(evaluated, settings.profiles[engine.profile].blend);
  let inScope = 0;
  let top1 = 0;
  let top5 = 0;
  let answeredRight = 0;
  let oos = 0;
  let oosHandedOff = 0;
  let handoffs = 0;
  evaluated.queries.forEach(({ query }, i) => {
    const ranking = rankings[i];
    if (!ranking) return;
    const p = ranking.ranked.length > 0 ? groupConfidence(ranking, settings, engine.profile) : 0;
    const handoff = p < settings.suggest && ranking.features.exact !== 1;
    if (handoff) handoffs++;
    if (query.gold === null) {
      oos++;
      if (handoff) oosHandedOff++;
      return;
    }
    inScope++;
    const r = rankOfGold(engine, ranking, query);
    if (r === 0) top1++;
    if (r >= 0 && r < 5) top5++;
    if (r === 0 && !handoff) answeredRight++;
  });
  const n = evaluated.queries.length;
  const result: ScenarioFigures = {
    n,
    profile: engine.profile,
    top1: round(top1 / Math.max(1, inScope)),
    recall5: round(top5 / Math.max(1, inScope)),
    inScopeAccuracy: round(answeredRight / Math.max(1, inScope)),
    overall: round((answeredRight + oosHandedOff) / Math.max(1, n)),
    handoffRate: round(handoffs / Math.max(1, n)),
    buildSeconds: round(evaluated.buildSeconds),
  };
  if (oos > 0) {
    result.oos = {
      n: oos,
      recall: round(oosHandedOff / oos),
      precision: round(oosHandedOff / Math.max(1, handoffs)),
    };
  }
  return result;
}
