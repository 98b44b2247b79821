import { describe, expect, it } from 'vitest';
import { Emitter } from './emitter.js';

interface Events {
  a: number;
  b: string;
}

describe('Emitter', () => {
  it('calls listeners of the event in order, and off removes one', () => {
    const e = new Emitter<Events>();
    const got: string[] = [];
    const one = (n: number) => got.push(`one${n}`);
    e.on('a', one);
    e.on('a', (n) => got.push(`two${n}`));
    e.on('b', (s) => got.push(s));
    expect(e.emit('a', 1)).toBe(true);
    e.off('a', one);
    e.emit('a', 2);
    expect(got).toEqual(['one1', 'two1', 'two2']);
    expect(e.emit('b', 'x')).toBe(true);
    e.removeAllListeners();
    expect(e.emit('b', 'y')).toBe(false);
    expect(got).toEqual(['one1', 'two1', 'two2', 'x']);
  });

  it('keeps calling the other listeners when one throws, and hands the error over', () => {
    const errors: unknown[] = [];
    const e = new Emitter<Events>((error, event) => errors.push([event, error]));
    const got: number[] = [];
    const boom = new Error('boom');
    e.on('a', () => {
      throw boom;
    });
    e.on('a', (n) => got.push(n));
    e.emit('a', 7);
    expect(got).toEqual([7]);
    expect(errors).toEqual([['a', boom]]);
  });
});
