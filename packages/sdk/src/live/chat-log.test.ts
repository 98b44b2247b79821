import type { LiveChatMessage } from '@warmdesk/protocol';
import { describe, expect, it } from 'vitest';
import { countdown, mergeChat, secondsUntil, visibleToViewer } from './chat-log.js';

const message = (seq: number, overrides: Partial<LiveChatMessage> = {}): LiveChatMessage => ({
  id: `00000000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
  roomId: '00000000-0000-7000-8000-00000000aaaa',
  seq,
  sender: { type: 'viewer', id: 'c1', name: 'Li', avatarUrl: null },
  body: `message ${seq}`,
  createdAt: new Date(0).toISOString(),
  question: false,
  answered: false,
  deleted: false,
  quote: null,
  toContactId: null,
  ...overrides,
});

describe('the room chat log', () => {
  it('orders by seq whatever the arrival order and keeps one entry per message', () => {
    const log = mergeChat([message(2)], [message(1), message(3), message(2)]);
    expect(log.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('a later version of a message (answered, deleted) replaces it', () => {
    const log = mergeChat([message(1), message(2)], [message(2, { deleted: true, body: '' })]);
    expect(log).toHaveLength(2);
    expect(log[1]?.deleted).toBe(true);
    expect(visibleToViewer(log).map((m) => m.seq)).toEqual([1]);
  });

  it('keeps only the newest messages past the limit', () => {
    const log = mergeChat(
      [],
      [1, 2, 3, 4, 5].map((n) => message(n)),
      3,
    );
    expect(log.map((m) => m.seq)).toEqual([3, 4, 5]);
  });
});

describe('slow mode', () => {
  it('counts down whole seconds until the viewer may write again, 0 once passed or without a limit', () => {
    expect(secondsUntil(15_000, 12_500)).toBe(3);
    expect(secondsUntil(15_000, 15_000)).toBe(0);
    expect(secondsUntil(15_000, 20_000)).toBe(0);
    expect(secondsUntil(null, 10_000)).toBe(0);
  });
});

describe('the scheduled countdown', () => {
  it('splits the time left and is null once the start has passed or without a schedule', () => {
    const now = Date.parse('2026-11-24T10:00:00Z');
    expect(countdown('2026-11-25T11:02:03Z', now)).toEqual({ d: 1, h: 1, m: 2, s: 3 });
    expect(countdown('2026-11-24T09:00:00Z', now)).toBeNull();
    expect(countdown(null, now)).toBeNull();
  });
});
