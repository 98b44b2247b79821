import type { BuildIndexOptions, KbEntryInput, KbIndex } from '../types.js';

// Placeholder until the matching engine lands (replaced by its owner).
export async function buildIndex(_entries: KbEntryInput[], _options: BuildIndexOptions = {}): Promise<KbIndex> {
  throw new Error('matching engine not built yet');
}
