import { zConversationStatus } from '@warmdesk/protocol';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { assertTransition, canTransition, transitions } from './transitions.js';

describe('conversation state machine', () => {
  it('covers every status', () => {
    expect(Object.keys(transitions).sort()).toEqual([...zConversationStatus.options].sort());
  });

  it('allows the usual service flow and staying put', () => {
    expect(canTransition('open', 'pending')).toBe(true);
    expect(canTransition('pending', 'open')).toBe(true);
    expect(canTransition('open', 'snoozed')).toBe(true);
    expect(canTransition('snoozed', 'open')).toBe(true);
    expect(canTransition('open', 'resolved')).toBe(true);
    expect(canTransition('resolved', 'open')).toBe(true);
    expect(canTransition('resolved', 'closed')).toBe(true);
    expect(canTransition('open', 'open')).toBe(true);
  });

  it('makes closed final and refuses skipping from resolved to pending or snoozed', () => {
    for (const to of zConversationStatus.options.filter((s) => s !== 'closed')) {
      expect(canTransition('closed', to)).toBe(false);
    }
    expect(canTransition('resolved', 'snoozed')).toBe(false);
    expect(canTransition('resolved', 'pending')).toBe(false);
    try {
      assertTransition('closed', 'open');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('invalid_transition');
      expect((e as AppError).status).toBe(409);
    }
  });
});
