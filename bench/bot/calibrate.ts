/*
 * `npm run bench:bot -- --calibrate`: fits, per model, the blend and confidence of each profile on the calibration
 * scenarios, then chooses the thresholds, and writes packages/bot/src/match/thresholds.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ModelSettings, Profile, ProfileName, ThresholdsFile } from '../../packages/bot/src/match/confidence.js';
import { calibrated, fuse, groupConfidence } from '../../packages/bot/src/match/engine.js';
import type { Evaluated } from './evaluate.js';
import { rankOfGold } from './evaluate.js';
import { type BlendExample, fitBlend, fitLogistic, type LabelledFeatures, logLoss } from './fit.js';

export const THRESHOLDS_FILE = fileURLToPath(new URL('../../packages/bot/src/match/thresholds.json', import.meta.url));

/** Share of out-of-scope questions the bot must hand off on development data. */
const OOS_HANDOFF_RECALL = 0.85;
/** Direct answers must be right this often (at the threshold itself) on development data. */
const ANSWER_PRECISION = 0.9;

const INITIAL_BLEND: Record<ProfileName, Record<string, number>> = {
  retrieval: { bm25: 5, cos: 10, hub: -5, bm25Zh: 0, cosZh: 0, hubZh: 0 },
  classifier: { bm25: 2, cos: 5, logCls: 1, centroid: 2 },
};

interface Decision {
  scenario: string;
  /** Confidence in the top entry: answer from `answer` on. */
  p: number;
  /** Confidence in the top entry and those near-tied with it: hand off below `suggest`. */
  group: number;
  right: boolean;
  outOfScope: boolean;
}

export function calibrateModel(evaluated: Evaluated[], hasEmbeddings: boolean) {
  const profiles = {} as Record<ProfileName, Profile>;
  const report: Record<string, unknown> = {};
  const settings: ModelSettings = { answer: 0.5, suggest: 0.5, profiles };
  for (const profile of ['retrieval', 'classifier'] as const) {
    const mine = evaluated.filter((e) => e.engine.profile === profile);
    const initial = Object.fromEntries(
      Object.entries(INITIAL_BLEND[profile]).filter(
        ([k]) => hasEmbeddings || !['cos', 'centroid', 'hub', 'cosZh', 'hubZh'].includes(k),
      ),
    );
    if (mine.length === 0) {
      profiles[profile] = { blend: initial, calibration: { bias: 0, weights: {} } };
      continue;
    }
    const blendExamples: BlendExample[] = [];
    for (const e of mine) {
      const examples = e.queries.flatMap(({ query, signals }) => {
        if (query.gold === null) return [];
        const gold = query.gold;
        const positions = signals.pool.flatMap((entry, i) => (gold.has(e.engine.ids[entry] ?? '') ? [i] : []));
        return positions.length > 0 ? [{ signals, gold: positions, weight: 1 }] : [];
      });
      for (const x of examples) x.weight = 1 / examples.length;
      blendExamples.push(...examples);
    }
    const blend = fitBlend(blendExamples, initial);
    const labelled: LabelledFeatures[] = [];
    for (const e of mine) {
      for (const { query, signals } of e.queries) {
        const ranking = fuse(signals, blend);
        if (ranking.ranked.length === 0) continue;
        labelled.push({
          features: ranking.features,
          right: rankOfGold(e.engine, ranking, query) === 0,
          weight: 1 / e.queries.length,
        });
      }
    }
    const names = [...new Set(labelled.flatMap((l) => Object.keys(l.features)))]
      .filter((n) => n !== 'exact' && varies(labelled, n))
      .sort();
    const calibration = fitLogistic(labelled, names);
    profiles[profile] = { blend, calibration };
    report[profile] = {
      scenarios: mine.map((e) => e.name),
      logLoss: Math.round(logLoss(labelled, calibration) * 1000) / 1000,
    };
  }
  const decisions: Decision[] = [];
  for (const e of evaluated) {
    for (const { query, signals } of e.queries) {
      const ranking = fuse(signals, profiles[e.engine.profile].blend);
      const ranked = ranking.ranked.length > 0;
      decisions.push({
        scenario: e.name,
        p: ranked ? calibrated(ranking, settings, e.engine.profile) : 0,
        group: ranked ? groupConfidence(ranking, settings, e.engine.profile) : 0,
        right: rankOfGold(e.engine, ranking, query) === 0,
        outOfScope: query.gold === null,
      });
    }
  }
  settings.suggest = chooseSuggest(decisions);
  settings.answer = chooseAnswer(decisions, settings.suggest);
  const handedOff = oosRecalls(decisions, settings.suggest);
  return { settings, report: { ...report, suggest: settings.suggest, answer: settings.answer, oosRecall: handedOff } };
}

/** Whether feature `name` takes more than one value (a constant one would only trade off against the bias). */
function varies(examples: LabelledFeatures[], name: string): boolean {
  const first = examples[0]?.features[name] ?? 0;
  return examples.some((e) => Math.abs((e.features[name] ?? 0) - first) > 1e-6);
}

function byScenario(decisions: Decision[]): Decision[][] {
  const groups = new Map<string, Decision[]>();
  for (const d of decisions) {
    const group = groups.get(d.scenario);
    if (group) group.push(d);
    else groups.set(d.scenario, [d]);
  }
  return [...groups.values()];
}

/** Per calibration scenario with out-of-scope queries, the share of those handed off at threshold `t`. */
function oosRecalls(decisions: Decision[], t: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of byScenario(decisions)) {
    const oos = g.filter((d) => d.outOfScope);
    if (oos.length > 0)
      out[g[0]?.scenario ?? ''] = Math.round((oos.filter((d) => d.group < t).length / oos.length) * 1000) / 1000;
  }
  return out;
}

/**
 * The hand-off threshold (on the group confidence): the lowest at which every calibration scenario with out-of-scope queries hands off at
 * least OOS_HANDOFF_RECALL of them (the lowest keeps the most in-scope answers).
 */
function chooseSuggest(decisions: Decision[]): number {
  for (let t = 0.01; t < 0.99; t += 0.01) {
    if (Object.values(oosRecalls(decisions, t)).every((r) => r >= OOS_HANDOFF_RECALL)) return Math.round(t * 100) / 100;
  }
  return 0.99;
}

/**
 * The answer threshold: the lowest confidence from which on the top entry is right at least ANSWER_PRECISION of the
 * time, measured in a sliding band [t, t + 0.1) (scenarios weighted equally); below it the bot suggests.
 */
function chooseAnswer(decisions: Decision[], suggest: number): number {
  const groups = byScenario(decisions);
  for (let t = suggest; t < 0.99; t += 0.01) {
    let right = 0;
    let seen = 0;
    for (const g of groups) {
      const band = g.filter((d) => d.p >= t && d.p < t + 0.1);
      right += band.filter((d) => d.right).length / g.length;
      seen += band.length / g.length;
    }
    if (seen > 0 && right / seen >= ANSWER_PRECISION) return Math.round(t * 100) / 100;
  }
  return 0.99;
}

export function writeSettings(model: string, settings: ModelSettings): void {
  const file = JSON.parse(readFileSync(THRESHOLDS_FILE, 'utf8')) as ThresholdsFile;
  file.note =
    'Written by `npm run bench:bot -- --calibrate` from the calibration splits of ../shared/eval-dev; do not edit by hand.';
  file.models[model] = settings;
  writeFileSync(THRESHOLDS_FILE, `${JSON.stringify(file, null, 2)}\n`);
}
