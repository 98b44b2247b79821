/*
 * Trains the anger model from the project's own labelled set (packages/bot/training/anger/*.tsv) and writes
 * packages/bot/src/sentiment/anger-model.gen.json. Nothing from the evaluation sets is read here.
 *
 *   node --import tsx packages/bot/scripts/train-anger.ts            lexical model (+ embedding head if the model is fetched)
 *   node --import tsx packages/bot/scripts/train-anger.ts --no-embed lexical model only
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadEmbedder } from '../src/embed/index.js';
import { MODEL_URL } from '../src/sentiment/model.js';
import { type CrossValidation, trainAngerModel } from '../src/sentiment/train.js';
import { loadTrainingSet } from '../src/sentiment/training-set.js';

function summary(cv: CrossValidation): Record<string, unknown> {
  const pick = (f: CrossValidation['all']) => ({
    f1: Number(f.f1.toFixed(3)),
    precision: Number(f.precision.toFixed(3)),
    recall: Number(f.recall.toFixed(3)),
  });
  return { thresholds: cv.thresholds, all: pick(cv.all), zh: pick(cv.zh), en: pick(cv.en) };
}

async function main(): Promise<void> {
  const started = Date.now();
  const rows = loadTrainingSet();
  const embedder = process.argv.includes('--no-embed') ? null : await loadEmbedder().catch(() => null);
  const trained = await trainAngerModel(rows, embedder);
  const json = `${JSON.stringify(trained.file)}\n`;
  writeFileSync(MODEL_URL, json);
  console.log(
    JSON.stringify(
      {
        model: fileURLToPath(MODEL_URL),
        bytes: json.length,
        rows: trained.file.training.rows,
        embedder: embedder?.modelVersion ?? null,
        lexicalCrossValidation: summary(trained.lexicalCrossValidation),
        embeddingCrossValidation: trained.embeddingCrossValidation ? summary(trained.embeddingCrossValidation) : null,
        seconds: (Date.now() - started) / 1000,
      },
      null,
      2,
    ),
  );
}

await main();
