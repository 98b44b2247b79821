import { EdgeList, type SimilaritySpace, yieldToEventLoop } from './graph.js';

/** Runs of Han characters, or Latin/other-script words and numbers. */
const RUN = /(\p{Script=Han}+)|([\p{L}\p{N}]+)/gu;
const ROWS_PER_SLICE = 256;

/** English function words that would make unrelated questions look alike ("how do i ... my ..."). */
const ENGLISH_STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at for from by with about as is are was were be been am do does did done ' +
    'i me my mine we us our you your he she it its they them their this that these those there here what which who ' +
    'whom whose when where why how can could would should will shall may might must have has had not no please ' +
    'just so than then too very any some all get got im ive id dont cant'
  ).split(' '),
);

/**
 * Chinese question words and particles, cut out before taking bigrams: "花呗怎么还款" and "花呗如何还款" then both give
 * 花呗 + 还款 instead of sharing only two of five bigrams. Longest first, so that 为什么 wins over 什么.
 */
const CHINESE_STOPWORDS = (
  '为什么 怎么样 是不是 能不能 可不可以 有没有 请问 怎么 如何 怎样 咋样 什么 为啥 哪里 哪儿 多少 可以 能否 是否 ' +
  '一下 我们 你们 这个 那个 就是 还是 已经 一个 没有 为何 吗 呢 吧 啊 呀 哦 嘛 么 的 了 着 我 你 您 他 她 它 是 在 和 与 要 想 能 会 请 哪 啥 咋'
)
  .split(' ')
  .sort((a, b) => b.length - a.length);

/** Splits a run of Han characters on stopwords (which are dropped). */
function splitOnChineseStopwords(run: string): string[] {
  const parts: string[] = [];
  let current = '';
  let i = 0;
  while (i < run.length) {
    const stopword = CHINESE_STOPWORDS.find((word) => run.startsWith(word, i));
    if (stopword) {
      if (current) parts.push(current);
      current = '';
      i += stopword.length;
    } else {
      current += run[i];
      i++;
    }
  }
  if (current) parts.push(current);
  return parts;
}

/** NFKC, lower case, punctuation and spacing removed: texts with the same key are the same question. */
export function questionKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Chinese character bigrams between stopwords (a lone character stands for itself), English words without stopwords. */
export function lexicalFeatures(text: string): string[] {
  const features = new Set<string>();
  for (const match of text.normalize('NFKC').toLowerCase().matchAll(RUN)) {
    const han = match[1];
    const word = match[2];
    if (han) {
      for (const part of splitOnChineseStopwords(han)) {
        const chars = Array.from(part);
        if (chars.length === 1) features.add(part);
        for (let i = 0; i + 1 < chars.length; i++) features.add(`${chars[i]}${chars[i + 1]}`);
      }
    } else if (word && !ENGLISH_STOPWORDS.has(word.replace(/'/g, ''))) {
      features.add(word);
    }
  }
  return [...features];
}

/**
 * Pairs whose TF-IDF cosine (binary term frequency, IDF over the input itself) is at least `threshold`, found through
 * an inverted index so that only pairs sharing a feature are scored.
 */
export async function lexicalSpace(texts: string[], threshold: number): Promise<SimilaritySpace> {
  const n = texts.length;
  const featureIds = new Map<string, number>();
  const docs: Int32Array[] = texts.map((text) =>
    Int32Array.from(lexicalFeatures(text), (feature) => {
      let id = featureIds.get(feature);
      if (id === undefined) {
        id = featureIds.size;
        featureIds.set(feature, id);
      }
      return id;
    }),
  );
  const df = new Int32Array(featureIds.size);
  for (const doc of docs) for (const f of doc) df[f] = (df[f] ?? 0) + 1;
  const weight = Float64Array.from(df, (count) => Math.log((n + 1) / (count + 0.5)));
  const norms = docs.map((doc) => Math.sqrt(doc.reduce((sum, f) => sum + (weight[f] ?? 0) ** 2, 0)));

  const postings: number[][] = Array.from({ length: featureIds.size }, () => []);
  const dot = new Float64Array(n);
  const touched: number[] = [];
  const edges = new EdgeList();
  for (let i = 0; i < n; i++) {
    const doc = docs[i] ?? new Int32Array(0);
    for (const f of doc) {
      const w2 = (weight[f] ?? 0) ** 2;
      for (const j of postings[f] ?? []) {
        if (dot[j] === 0) touched.push(j);
        dot[j] = (dot[j] ?? 0) + w2;
      }
    }
    const normI = norms[i] ?? 0;
    for (const j of touched) {
      const denominator = normI * (norms[j] ?? 0);
      const cosine = denominator > 0 ? (dot[j] ?? 0) / denominator : 0;
      if (cosine >= threshold) edges.add(j, i, Math.min(1, cosine));
      dot[j] = 0;
    }
    touched.length = 0;
    for (const f of doc) postings[f]?.push(i);
    if (i % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) await yieldToEventLoop();
  }
  const unitWeight = (i: number, f: number) => ((norms[i] ?? 0) > 0 ? (weight[f] ?? 0) / (norms[i] ?? 1) : 0);
  /** Σ_b count_b·cos(a, b) over the other members = a · (Σ_b count_b·b) − cos(a, a), on unit-length TF-IDF vectors. */
  const centrality = (members: number[], counts: ArrayLike<number>): number[] => {
    const sum = new Map<number, number>();
    for (const b of members) {
      for (const f of docs[b] ?? []) sum.set(f, (sum.get(f) ?? 0) + (counts[b] ?? 1) * unitWeight(b, f));
    }
    return members.map((a) => {
      let dot = 0;
      let self = 0;
      for (const f of docs[a] ?? []) {
        const w = unitWeight(a, f);
        dot += w * (sum.get(f) ?? 0);
        self += w * w;
      }
      return dot - self;
    });
  };
  return { graph: edges.toGraph(n), centrality };
}
