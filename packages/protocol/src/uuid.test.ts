import { describe, expect, it } from 'vitest';
import { createUuidV7, uuidv7, uuidv7Timestamp } from './uuid.js';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A deterministic byte source, so tests do not depend on luck. */
function seededRandom(seed: number): (bytes: Uint8Array) => void {
  let x = seed;
  return (bytes) => {
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      bytes[i] = x & 0xff;
    }
  };
}

const strictlyIncreasing = (ids: string[]) => ids.every((id, i) => i === 0 || (ids[i - 1] ?? '') < id);

describe('uuidv7', () => {
  it('has the RFC 9562 layout: version 7, variant 10, lowercase hex', () => {
    for (let i = 0; i < 1000; i++) expect(uuidv7()).toMatch(V7);
  });

  it('encodes the current time in its first 48 bits', () => {
    const before = Date.now();
    const id = uuidv7();
    const after = Date.now();
    const ts = uuidv7Timestamp(id);
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThanOrEqual(after);

    const fixed = createUuidV7({ now: () => 0x0123456789ab });
    expect(fixed().slice(0, 13)).toBe('01234567-89ab');
  });

  it('is strictly increasing and unique within one millisecond', () => {
    const next = createUuidV7({ now: () => 1_700_000_000_000, random: seededRandom(1) });
    const ids = Array.from({ length: 5000 }, () => next());
    expect(strictlyIncreasing(ids)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(V7);
      expect(uuidv7Timestamp(id)).toBe(1_700_000_000_000);
    }
  });

  it('stays increasing when the clock steps back', () => {
    const times = [5_000, 5_001, 4_000, 4_000, 5_001, 5_002];
    let i = 0;
    const next = createUuidV7({ now: () => times[i++] ?? 9_999, random: seededRandom(7) });
    const ids = times.map(() => next());
    expect(strictlyIncreasing(ids)).toBe(true);
    // The ids made while the clock was behind keep the last seen timestamp.
    expect(ids.map(uuidv7Timestamp)).toEqual([5_000, 5_001, 5_001, 5_001, 5_001, 5_002]);
  });

  it('sorts by creation across milliseconds even when the random part is large', () => {
    let t = 1_000;
    const maxRandom = (bytes: Uint8Array) => bytes.fill(0xff);
    const next = createUuidV7({ now: () => t, random: maxRandom });
    const a = next();
    t += 1;
    const b = next();
    expect(a < b).toBe(true);
    expect(a).toMatch(V7);
    expect(b).toMatch(V7);
  });

  it('uses independent state per generator but one shared default', () => {
    const ids = [uuidv7(), uuidv7(), uuidv7()];
    expect([...ids].sort()).toEqual(ids);
  });
});
