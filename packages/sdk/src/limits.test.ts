import { limits } from '@warmdesk/protocol';
import { describe, expect, it } from 'vitest';
import { MESSAGE_MAX_CHARS, SYNC_PAGE_MAX } from './limits.js';

describe('limits', () => {
  it('match @warmdesk/protocol', () => {
    expect(MESSAGE_MAX_CHARS).toBe(limits.messageContentMaxChars);
    expect(SYNC_PAGE_MAX).toBe(limits.syncPageMax);
  });
});
