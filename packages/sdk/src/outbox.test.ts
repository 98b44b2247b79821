import { describe, expect, it } from 'vitest';
import { Outbox, type OutboxEntry } from './outbox.js';
import { memoryStorage, type StorageLike } from './storage.js';

const KEY = 'warmdesk:inbox-key:outbox';

function entry(n: number, conversationId = 'c1'): OutboxEntry {
  return {
    clientMsgId: `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    conversationId,
    content: `message ${n}`,
    createdAt: new Date(1_700_000_000_000 + n).toISOString(),
  };
}

/** A storage whose every call resolves after a random delay, like IndexedDB or AsyncStorage wrappers. */
function slowStorage(inner: StorageLike = memoryStorage()): StorageLike {
  const later = <T>(fn: () => T) =>
    new Promise<T>((resolve) => setTimeout(() => resolve(fn()), Math.floor(Math.random() * 5)));
  return {
    getItem: (k) => later(() => inner.getItem(k) as string | null),
    setItem: (k, v) => later(() => void inner.setItem(k, v)),
    removeItem: (k) => later(() => void inner.removeItem(k)),
  };
}

const ids = (entries: OutboxEntry[]) => entries.map((e) => e.clientMsgId);

describe('Outbox', () => {
  it('persists each entry before add resolves', async () => {
    const storage = memoryStorage();
    const outbox = new Outbox(storage, KEY);
    await outbox.add(entry(1));
    const stored = JSON.parse(String(storage.getItem(KEY))) as OutboxEntry[];
    expect(stored).toEqual([entry(1)]);
  });

  it('writes a synchronous storage in the same tick, so a page unloaded right after sending keeps it', () => {
    const storage = memoryStorage({ [KEY]: JSON.stringify([entry(1)]) });
    const outbox = new Outbox(storage, KEY);
    void outbox.add(entry(2));
    void outbox.add(entry(3));
    expect(ids(JSON.parse(String(storage.getItem(KEY))) as OutboxEntry[])).toEqual(ids([entry(1), entry(2), entry(3)]));
    expect(ids(new Outbox(storage, KEY).list())).toEqual([]);
    const reloaded = new Outbox(storage, KEY);
    void reloaded.add(entry(4));
    expect(ids(reloaded.list())).toEqual(ids([entry(1), entry(2), entry(3), entry(4)]));
  });

  it('reloads the queue in send order from the same storage (a page reload)', async () => {
    const storage = memoryStorage();
    const first = new Outbox(storage, KEY);
    await first.add(entry(1));
    await first.add(entry(2, 'c2'));
    await first.add(entry(3));

    const second = new Outbox(storage, KEY);
    await second.load();
    expect(second.list()).toEqual([entry(1), entry(2, 'c2'), entry(3)]);
    expect(second.first()).toEqual(entry(1));
    expect(second.list('c1')).toEqual([entry(1), entry(3)]);
    expect(second.size).toBe(3);
  });

  it('keeps the order of concurrent adds, even with a slow asynchronous store', async () => {
    const inner = memoryStorage();
    const outbox = new Outbox(slowStorage(inner), KEY);
    await Promise.all([1, 2, 3, 4, 5].map((n) => outbox.add(entry(n))));
    expect(ids(outbox.list())).toEqual(ids([1, 2, 3, 4, 5].map((n) => entry(n))));
    expect(ids(JSON.parse(String(inner.getItem(KEY))) as OutboxEntry[])).toEqual(ids(outbox.list()));
  });

  it('removes entries from memory at once and from storage, dropping the key when empty', async () => {
    const storage = memoryStorage();
    const outbox = new Outbox(storage, KEY);
    await outbox.add(entry(1));
    await outbox.add(entry(2));
    const removing = outbox.remove(entry(1).clientMsgId);
    expect(outbox.has(entry(1).clientMsgId)).toBe(false);
    expect(outbox.first()).toEqual(entry(2));
    await removing;
    expect(JSON.parse(String(storage.getItem(KEY)))).toEqual([entry(2)]);
    await outbox.remove(entry(2).clientMsgId);
    expect(storage.getItem(KEY)).toBeNull();
    expect(new Outbox(storage, KEY).list()).toEqual([]);
  });

  it('puts entries already stored ahead of ones added before loading finished', async () => {
    const storage = slowStorage(memoryStorage({ [KEY]: JSON.stringify([entry(1), entry(2)]) }));
    const outbox = new Outbox(storage, KEY);
    await outbox.add(entry(3)); // add() waits for the load
    expect(ids(outbox.list())).toEqual(ids([entry(1), entry(2), entry(3)]));
  });

  it('ignores a duplicate clientMsgId', async () => {
    const storage = memoryStorage();
    const outbox = new Outbox(storage, KEY);
    await outbox.add(entry(1));
    await outbox.add({ ...entry(1), content: 'changed' });
    expect(outbox.list()).toEqual([entry(1)]);
    expect(JSON.parse(String(storage.getItem(KEY)))).toEqual([entry(1)]);
  });

  it('does not overwrite entries another tab wrote to the same key', async () => {
    const storage = memoryStorage();
    const tabA = new Outbox(storage, KEY);
    const tabB = new Outbox(storage, KEY);
    await tabA.load();
    await tabB.load();
    await tabA.add(entry(1));
    await tabB.add(entry(2));
    expect(ids(JSON.parse(String(storage.getItem(KEY))) as OutboxEntry[])).toEqual(ids([entry(1), entry(2)]));
    await tabB.remove(entry(2).clientMsgId);
    expect(JSON.parse(String(storage.getItem(KEY)))).toEqual([entry(1)]);
  });

  it('reads a corrupt or foreign value as empty and drops malformed items', async () => {
    const corrupt = new Outbox(memoryStorage({ [KEY]: '{not json' }), KEY);
    await corrupt.load();
    expect(corrupt.list()).toEqual([]);

    const mixed = new Outbox(memoryStorage({ [KEY]: JSON.stringify([{ nope: 1 }, entry(4), 'x', null]) }), KEY);
    await mixed.load();
    expect(mixed.list()).toEqual([entry(4)]);
  });

  it('reports a store that fails to load and works from memory', async () => {
    const errors: unknown[] = [];
    const broken: StorageLike = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => undefined,
      removeItem: () => undefined,
    };
    const outbox = new Outbox(broken, KEY, (e) => errors.push(e));
    await outbox.load();
    expect(errors).toHaveLength(1);
    await expect(outbox.add(entry(1))).rejects.toThrow('denied'); // not durable: the caller is told
    expect(outbox.list()).toEqual([entry(1)]); // but it is still queued
  });

  it('survives a failed write: later writes still happen', async () => {
    const inner = memoryStorage();
    let fail = true;
    const flaky: StorageLike = {
      getItem: (k) => inner.getItem(k),
      setItem: (k, v) => {
        if (fail) {
          fail = false;
          throw new Error('quota');
        }
        inner.setItem(k, v);
      },
      removeItem: (k) => inner.removeItem(k),
    };
    const outbox = new Outbox(flaky, KEY);
    await expect(outbox.add(entry(1))).rejects.toThrow('quota');
    await outbox.add(entry(2));
    await outbox.settled();
    expect(JSON.parse(String(inner.getItem(KEY)))).toEqual([entry(2)]);
  });
});
