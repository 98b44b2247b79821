import type { BuildIndexOptions, KbEntryInput, KbIndex, MatchCandidate, MatchLevel, MatchResult } from '../types.js';
import { thresholdsOf } from './confidence.js';
import { buildEngine, calibrated, fuse, groupConfidence } from './engine.js';

const DEFAULT_TOP = 3;

/**
 * Builds a knowledge-base index: BM25 over Jieba words, Chinese bigrams and stemmed English words; with an embedder
 * also nearest-variant cosine; with several variants per entry also an entry classifier trained on them. The signals
 * are fused and the top entry's confidence calibrated with weights fitted on development data (thresholds.json).
 */
export async function buildIndex(entries: KbEntryInput[], options: BuildIndexOptions = {}): Promise<KbIndex> {
  const engine = await buildEngine(entries, options);
  const { settings, profile, ids, model } = engine;
  const thresholds = thresholdsOf(model, settings, options.thresholds);
  const blend = settings.profiles[profile].blend;

  async function match(query: string, matchOptions: { top?: number } = {}): Promise<MatchResult> {
    const top = Math.max(1, Math.floor(matchOptions.top ?? DEFAULT_TOP));
    const ranking = fuse(await engine.signals(query), blend);
    const best = ranking.ranked[0];
    if (!best || query.trim().length === 0) return handoff(0, []);
    const exact = ranking.features.exact === 1;
    const topConfidence = calibrated(ranking, settings, profile);
    const p = exact ? Math.max(topConfidence, thresholds.answer) : topConfidence;
    // Below `answer`: offer the candidates unless neither the top entry nor those near-tied with it are likely right.
    const offered = exact ? p : groupConfidence(ranking, settings, profile);
    const candidates: MatchCandidate[] = ranking.ranked.slice(0, top).map((c) => ({
      id: ids[c.entry] ?? '',
      score: round(p * Math.exp(c.fused - best.fused)),
    }));
    const level: MatchLevel = p >= thresholds.answer ? 'answer' : offered >= thresholds.suggest ? 'suggest' : 'handoff';
    if (level === 'handoff') return handoff(p, candidates);
    return { id: ids[best.entry] ?? null, score: round(p), level, handoff: false, candidates };
  }

  return { size: ids.length, model, match };
}

function handoff(score: number, candidates: MatchCandidate[]): MatchResult {
  return { id: null, score: round(score), level: 'handoff', handoff: true, candidates };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
