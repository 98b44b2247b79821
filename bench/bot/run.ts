/*
 * `npm run bench:bot`: accuracy of the knowledge-base matcher on ../shared/eval-dev (sets whose folder is absent are
 * skipped), anger detection, latency and memory; prints one JSON line. `-- --calibrate` refits thresholds.json from
 * the calibration splits instead. Options: --quick (smaller samples), --no-model (BM25 only), --max-queries N.
 * Protocols: docs/performance.md, "Bot".
 */
import { loadEmbedder } from '../../packages/bot/src/embed/index.js';
import type { Embedder } from '../../packages/bot/src/types.js';
import { evaluateAnger } from './anger.js';
import { calibrateModel, writeSettings } from './calibrate.js';
import { EVAL_DIR } from './data.js';
import { withDiskCache } from './embed-cache.js';
import { type Evaluated, evaluate } from './evaluate.js';
import { latencyFigures } from './latency.js';
import { figures, type ScenarioFigures } from './metrics.js';
import { afqmcScenarios, bankingScenarios, clincScenarios, type Scenario, smallKbScenarios } from './scenarios.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const maxQueriesAt = args.indexOf('--max-queries');
const maxQueries = maxQueriesAt >= 0 ? Number(args[maxQueriesAt + 1]) : quick ? 500 : 3200;
const limits = { maxQueries };
const started = performance.now();

const rawEmbedder = args.includes('--no-model') ? null : await loadEmbedder();
const embedder = rawEmbedder ? withDiskCache(rawEmbedder) : null;
const models: (Embedder | null)[] = embedder ? [null, embedder] : [null];
const modelName = (e: Embedder | null) => e?.modelVersion ?? 'bm25';

function allScenarios(kind: 'bench' | 'calibration'): Scenario[] {
  return [clincScenarios(limits), bankingScenarios(limits), afqmcScenarios(limits), smallKbScenarios(limits)].flatMap(
    (s) => s[kind],
  );
}

async function evaluateAll(scenarios: Scenario[], model: Embedder | null): Promise<Evaluated[]> {
  const out: Evaluated[] = [];
  for (const scenario of scenarios) {
    out.push(await evaluate(scenario, model));
    embedder?.save();
  }
  return out;
}

/** Scenarios named `x_b` are a second sample of `x`: merged, weighted by size. */
function merge(results: Record<string, ScenarioFigures>): Record<string, ScenarioFigures> {
  const merged: Record<string, ScenarioFigures> = {};
  for (const [name, f] of Object.entries(results)) {
    const base = name.replace(/_b$/, '');
    const other = merged[base];
    if (!other) {
      merged[base] = { ...f };
      continue;
    }
    const n = other.n + f.n;
    const mix = (a: number, b: number) => Math.round(((a * other.n + b * f.n) / n) * 1000) / 1000;
    merged[base] = {
      ...other,
      n,
      top1: mix(other.top1, f.top1),
      recall5: mix(other.recall5, f.recall5),
      inScopeAccuracy: mix(other.inScopeAccuracy, f.inScopeAccuracy),
      overall: mix(other.overall, f.overall),
      handoffRate: mix(other.handoffRate, f.handoffRate),
      buildSeconds: other.buildSeconds + f.buildSeconds,
    };
  }
  return merged;
}

function targets(byModel: Record<string, Record<string, ScenarioFigures>>, latency: Record<string, unknown>) {
  const model = embedder ? byModel[modelName(embedder)] : undefined;
  const bm25 = byModel.bm25;
  const lat = latency as Record<string, Record<string, { p99: number }>>;
  const check = (value: number | undefined, min: number) => (value === undefined ? null : value >= min);
  const best = model ?? bm25;
  return {
    model: best === model ? modelName(embedder) : 'bm25',
    clincOverall085: check(best?.clinc?.overall, 0.85),
    clincOosRecall080: check(best?.clinc?.oos?.recall, 0.8),
    banking077Top1088: check(best?.banking?.top1, 0.88),
    afqmcTop1020: check(best?.afqmc?.top1, 0.2),
    afqmcRecall5055: check(best?.afqmc?.recall5, 0.55),
    p99Model20ms: embedder ? Object.values(lat.model ?? {}).every((l) => l.p99 <= 20) : null,
    p99Bm25_2ms: Object.values(lat.bm25 ?? {}).every((l) => l.p99 <= 2),
  };
}

if (args.includes('--calibrate')) {
  const report: Record<string, unknown> = {};
  for (const model of models) {
    const evaluated = await evaluateAll(allScenarios('calibration'), model);
    const { settings, report: modelReport } = calibrateModel(evaluated, model !== null);
    writeSettings(modelName(model), settings);
    report[modelName(model)] = {
      ...modelReport,
      queries: Object.fromEntries(evaluated.map((e) => [e.name, e.queries.length])),
    };
  }
  console.log(JSON.stringify({ bench: 'bot-calibrate', evalDir: EVAL_DIR, report }));
} else {
  const byModel: Record<string, Record<string, ScenarioFigures>> = {};
  for (const model of models) {
    const results: Record<string, ScenarioFigures> = {};
    for (const e of await evaluateAll(allScenarios('bench'), model)) {
      results[e.name] = figures(e);
    }
    byModel[modelName(model)] = merge(results);
  }
  const latencyQueries = quick ? 300 : 1000;
  const latency: Record<string, unknown> = { bm25: await latencyFigures(null, latencyQueries) };
  if (rawEmbedder && embedder)
    latency.model = await latencyFigures({ raw: rawEmbedder, cached: embedder }, latencyQueries);
  embedder?.save();
  const anger = await evaluateAnger(`${EVAL_DIR}/`, { embedder, limit: quick ? 500 : undefined }).catch(
    (error: unknown) => ({ error: String(error) }),
  );
  const angerFigures =
    'smp2020Ewect' in anger
      ? {
          smp2020Ewect: anger.smp2020Ewect,
          chnSentimentNegativeAsUpset: anger.chnSentimentNegativeAsUpset,
          embedding: anger.model.embedding,
        }
      : anger;
  const memory = process.memoryUsage();
  console.log(
    JSON.stringify({
      bench: 'bot',
      evalDir: EVAL_DIR,
      maxQueries,
      accuracy: byModel,
      anger: angerFigures,
      latencyMs: latency,
      memoryMB: { rss: Math.round(memory.rss / 2 ** 20), heapUsed: Math.round(memory.heapUsed / 2 ** 20) },
      targets: targets(byModel, latency),
      seconds: Math.round((performance.now() - started) / 1000),
    }),
  );
}
