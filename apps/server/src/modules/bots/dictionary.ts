import type { AgentPrincipal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../audit/record-audit.js';
import { writeKb } from './write-kb-entry.js';

/** Replaces the account's product words for the tokenizer (the index is rebuilt with them). */
export async function replaceDictionary(
  ctx: AppContext,
  actor: AgentPrincipal,
  words: readonly string[],
): Promise<string[]> {
  const distinct = [...new Set(words.map((w) => w.trim()).filter(Boolean))];
  await writeKb(ctx, actor.accountId, async (tx) => {
    await tx.client.query(
      `INSERT INTO bot_accounts (account_id, dictionary) VALUES ($1, $2)
       ON CONFLICT (account_id) DO UPDATE SET dictionary = EXCLUDED.dictionary, updated_at = now()`,
      [actor.accountId, distinct],
    );
    await recordAudit(tx.client, actor, 'kb.dictionary_updated', { type: 'kb', id: null }, { words: distinct.length });
  });
  return distinct;
}
