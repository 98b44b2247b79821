import { createHash } from 'node:crypto';
import type pg from 'pg';

/** Distinct statements a process names at most (each connection prepares those it runs, once). */
const MAX_NAMED = 300;
/** Texts seen once that are remembered, waiting for a second use, before the list starts over. */
const MAX_SEEN_ONCE = 10_000;

const named = new Map<string, string>();
const seenOnce = new Set<string>();
/** Texts whose prepared form failed because a table changed shape under it: they run unnamed from then on. */
const unnamedForGood = new Set<string>();

/**
 * The name to prepare a parametrised statement under: from its second use on, so PostgreSQL parses, analyses and
 * plans it once per connection instead of on every call (a third of its CPU per customer in `bench:arrival`).
 * Plans are generic either way (`plan_cache_mode=force_generic_plan` in pool.ts); PostgreSQL plans a prepared
 * statement again when ANALYZE or DDL changes a table it reads. Statements that run once (set-up, rare admin
 * queries, texts built with a varying number of placeholders) stay unnamed.
 */
export function statementName(text: string): string | undefined {
  const known = named.get(text);
  if (known || named.size >= MAX_NAMED || unnamedForGood.has(text)) return known;
  if (!seenOnce.has(text)) {
    if (seenOnce.size >= MAX_SEEN_ONCE) seenOnce.clear();
    seenOnce.add(text);
    return undefined;
  }
  seenOnce.delete(text);
  const name = `wd_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;
  named.set(text, name);
  return name;
}

type QueryArgs = unknown[];
type QueryObject = { text?: unknown; name?: unknown; values?: unknown; submit?: unknown };

/** The arguments of `client.query` with a statement name added where `statementName` gives one. */
export function withStatementName(args: QueryArgs): QueryArgs {
  const [first, second, ...rest] = args;
  if (typeof first === 'string' && Array.isArray(second) && second.length > 0) {
    const name = statementName(first);
    return name ? [{ name, text: first, values: second }, ...rest] : args;
  }
  if (typeof first !== 'object' || first === null) return args;
  const config = first as QueryObject;
  // Cursors and streams (objects with `submit`) and explicitly named statements are left as they are.
  if (typeof config.text !== 'string' || config.name !== undefined || typeof config.submit === 'function') return args;
  const values = Array.isArray(config.values) ? config.values : Array.isArray(second) ? second : undefined;
  if (!values || values.length === 0) return args;
  const name = statementName(config.text);
  return name ? [{ ...config, name }, ...args.slice(1)] : args;
}

/**
 * A prepared statement whose result columns changed (a migration added a column to a table it reads with `*`, while
 * this process runs on): PostgreSQL refuses it from then on, on every connection that prepared it. The call fails
 * once; the text then runs unnamed, as it did before it was prepared.
 */
function forgetIfReshaped(err: unknown, text: string): void {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (e?.code === '0A000' && typeof e.message === 'string' && e.message.includes('must not change result type')) {
    named.delete(text);
    unnamedForGood.add(text);
  }
}

type Callback = (err: unknown, result: unknown) => void;

/** Makes every query of this connection go through `withStatementName`. */
export function nameRepeatedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: QueryArgs) => unknown;
  (client as unknown as { query: (...args: QueryArgs) => unknown }).query = (...args: QueryArgs) => {
    const withName = withStatementName(args);
    if (withName === args) return query(...args);
    const text = (withName[0] as { text: string }).text;
    const last = withName.length - 1;
    const callback = withName[last];
    if (typeof callback === 'function') {
      withName[last] = (err: unknown, result: unknown) => {
        if (err) forgetIfReshaped(err, text);
        (callback as Callback)(err, result);
      };
      return query(...withName);
    }
    const result = query(...withName);
    if (result instanceof Promise) result.catch((err: unknown) => forgetIfReshaped(err, text));
    return result;
  };
}
