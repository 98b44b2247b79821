/**
 * Where the SDK keeps its session token and its outbox. `localStorage`, `sessionStorage`, React Native's
 * AsyncStorage and the in-memory store below all fit: each method may answer synchronously or with a promise.
 */
export interface StorageLike {
  getItem(key: string): string | null | Promise<string | null>;
  setItem(key: string, value: string): void | Promise<void>;
  removeItem(key: string): void | Promise<void>;
}

/** A store that lives as long as the object does (the default outside browsers). */
export function memoryStorage(initial?: Record<string, string>): StorageLike {
  const map = new Map<string, string>(Object.entries(initial ?? {}));
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => {
      map.set(key, String(value));
    },
    removeItem: (key) => {
      map.delete(key);
    },
  };
}

/** `globalThis.localStorage` when it exists and works (not in Node, not in some sandboxed iframes), else memory. */
export function defaultStorage(): StorageLike {
  try {
    const ls = (globalThis as { localStorage?: StorageLike }).localStorage;
    if (ls && typeof ls.getItem === 'function' && typeof ls.setItem === 'function') {
      const probe = '__warmdesk_probe__';
      ls.setItem(probe, '1');
      ls.removeItem(probe);
      return ls;
    }
  } catch {
    // Access denied (third-party cookies blocked, Safari private mode quota 0, Node without --localstorage-file...).
  }
  return memoryStorage();
}

/** Storage keys; they include the inbox key so that two widgets on one page do not share state. */
export function storageKeys(inboxKey: string): { session: string; outbox: string } {
  const base = `warmdesk:${inboxKey}`;
  return { session: `${base}:session`, outbox: `${base}:outbox` };
}

/** Reads and parses a JSON value; a missing or corrupt value reads as `undefined`. */
export async function readJson(storage: StorageLike, key: string): Promise<unknown> {
  const raw = await storage.getItem(key);
  if (raw === null || raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

export async function writeJson(storage: StorageLike, key: string, value: unknown): Promise<void> {
  await storage.setItem(key, JSON.stringify(value));
}
