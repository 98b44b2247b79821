export { clusterQuestions } from './cluster/index.js';
export * from './dialog/index.js';
export { DEFAULT_MODEL_DIR, loadEmbedder } from './embed/index.js';
export { buildIndex } from './match/index.js';
export { analyseSentiment } from './sentiment/index.js';
export * from './types.js';
