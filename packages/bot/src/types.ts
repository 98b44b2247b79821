/*
 * The bot engine's contract. The engine is pure: no server imports, no database; the server builds an index from
 * its knowledge base and asks it for matches.
 */

/** A knowledge-base entry as the engine sees it. */
export interface KbEntryInput {
  id: string;
  /** Question variants; the first is the entry's title. */
  questions: string[];
  tags?: string[];
  /** Disabled entries are never matched. Default true. */
  enabled?: boolean;
}

export interface MatchCandidate {
  id: string;
  /** Calibrated confidence, 0..1: the estimated probability that this entry is the right answer. */
  score: number;
}

/** `answer`: confident; `suggest`: unsure, offer the candidates ("did you mean"); `handoff`: out of scope. */
export type MatchLevel = 'answer' | 'suggest' | 'handoff';

export interface MatchResult {
  /** The best entry; null when handing off. */
  id: string | null;
  /** Confidence of the best candidate, 0..1. */
  score: number;
  level: MatchLevel;
  /** `level === 'handoff'`. */
  handoff: boolean;
  /** Best first, up to `top`. */
  candidates: MatchCandidate[];
}

/** Confidence thresholds, chosen on development data by the calibration script and stored with the model version. */
export interface Thresholds {
  /** `bm25` or the embedding model's version. */
  model: string;
  /** At or above: answer. */
  answer: number;
  /** At or above (and below `answer`): suggest; below: hand off. */
  suggest: number;
}

/** Sentence embeddings (bge-small-zh-v1.5 on onnxruntime-node). */
export interface Embedder {
  readonly modelVersion: string;
  readonly dimensions: number;
  /** L2-normalised vectors, one per text, in order. */
  embed(texts: string[]): Promise<Float32Array[]>;
}

export interface BuildIndexOptions {
  /** When given, embeddings rerank the lexical candidates; without it the index runs on BM25 alone. */
  embedder?: Embedder | null;
  /** Product words for the Chinese tokenizer, e.g. 花呗. */
  userDictionary?: string[];
  /** Overrides the shipped thresholds for this model. */
  thresholds?: Thresholds;
}

export interface KbIndex {
  readonly size: number;
  /** `bm25` or the embedding model's version. */
  readonly model: string;
  match(query: string, options?: { top?: number }): Promise<MatchResult>;
}

export interface SentimentResult {
  angry: boolean;
  /** Probability-like anger score, 0..1; `angry` is `score >= threshold`. */
  score: number;
}
