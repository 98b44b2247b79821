/**
 * UUID version 7 (RFC 9562): 48-bit Unix time in milliseconds, then 74 bits of which the first 42 are a counter
 * ("method 1": fixed-length dedicated counter) seeded randomly every millisecond and incremented for ids made in the
 * same millisecond, and the last 32 bits random. Ids from one generator therefore sort (as strings or bytes) in the
 * order they were made, even within one millisecond and even when the clock steps back.
 *
 * Uses `globalThis.crypto.getRandomValues` only, so it runs in browsers and in Node 20 alike.
 */

export interface UuidV7Options {
  /** Milliseconds since the epoch; `Date.now` by default. */
  now?: () => number;
  /** Fills the array with random bytes; `crypto.getRandomValues` by default. */
  random?: (bytes: Uint8Array) => void;
}

const COUNTER_BITS = 42;
const COUNTER_MAX = 2 ** COUNTER_BITS - 1;
/** A fresh millisecond seeds the counter below 2^41, leaving at least 2^41 increments before it overflows. */
const SEED_LIMIT = 2 ** (COUNTER_BITS - 1);
const TIMESTAMP_MAX = 2 ** 48 - 1;

function cryptoRandom(bytes: Uint8Array): void {
  const c = globalThis.crypto;
  if (!c || typeof c.getRandomValues !== 'function') {
    throw new Error('Warmdesk needs globalThis.crypto.getRandomValues (a browser or Node 20+)');
  }
  c.getRandomValues(bytes);
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += HEX[bytes[i] ?? 0];
  return s;
}

/** Byte `index` (0 = least significant) of a non-negative integer below 2^53. */
function byteOf(value: number, index: number): number {
  return Math.floor(value / 2 ** (8 * index)) % 256;
}

/** Makes an independent, monotonic UUIDv7 generator. */
export function createUuidV7(options: UuidV7Options = {}): () => string {
  const now = options.now ?? Date.now;
  const random = options.random ?? cryptoRandom;
  let lastMs = -1;
  let counter = 0;
  const seed = new Uint8Array(6);

  const reseed = (): void => {
    random(seed);
    // 41 random bits: 8 * 5 from bytes 0..4 and the low bit of byte 5.
    let value = (seed[5] ?? 0) & 0x01;
    for (let i = 0; i < 5; i++) value = value * 256 + (seed[i] ?? 0);
    counter = value % SEED_LIMIT;
  };

  return () => {
    let ms = Math.floor(now());
    if (ms > lastMs) {
      lastMs = ms;
      reseed();
    } else {
      // Same millisecond or the clock went back: stay on the last timestamp and count up.
      ms = lastMs;
      counter += 1;
      if (counter > COUNTER_MAX) {
        lastMs += 1;
        ms = lastMs;
        reseed();
      }
    }
    if (ms > TIMESTAMP_MAX || ms < 0) throw new RangeError('timestamp out of the UUIDv7 range');

    const b = new Uint8Array(16);
    for (let i = 0; i < 6; i++) b[i] = byteOf(ms, 5 - i);
    // counter bits 41..38 -> rand_a high nibble, 37..30 -> byte 7, 29..24 -> byte 8 (after the variant), 23..0 -> 9..11
    const high = Math.floor(counter / 2 ** 30); // 12 bits
    const low = counter % 2 ** 30; // 30 bits
    b[6] = 0x70 | (high >> 8);
    b[7] = high & 0xff;
    b[8] = 0x80 | (low >>> 24);
    b[9] = (low >>> 16) & 0xff;
    b[10] = (low >>> 8) & 0xff;
    b[11] = low & 0xff;
    const tail = new Uint8Array(4);
    random(tail);
    b.set(tail, 12);

    return `${hex(b, 0, 4)}-${hex(b, 4, 6)}-${hex(b, 6, 8)}-${hex(b, 8, 10)}-${hex(b, 10, 16)}`;
  };
}

/** A UUIDv7 from the module's shared generator (monotonic within this JavaScript realm). */
export const uuidv7: () => string = createUuidV7();

/** The millisecond timestamp encoded in a UUIDv7. */
export function uuidv7Timestamp(id: string): number {
  const h = id.replace(/-/g, '').slice(0, 12);
  return Number.parseInt(h, 16);
}
