import { CUSTOMER_SESSION_HEADER, limits, NAMESPACES, PROTOCOL_VERSION } from '@warmdesk/protocol';
import { describe, expect, it } from 'vitest';
import {
  CUSTOMER_NAMESPACE,
  MESSAGE_MAX_CHARS,
  SDK_PROTOCOL_VERSION,
  SESSION_HEADER,
  SYNC_PAGE_MAX,
} from './constants.js';

describe('constants', () => {
  it('match @warmdesk/protocol', () => {
    expect(CUSTOMER_NAMESPACE).toBe(NAMESPACES.customer);
    expect(SESSION_HEADER).toBe(CUSTOMER_SESSION_HEADER);
    expect(SDK_PROTOCOL_VERSION).toBe(PROTOCOL_VERSION);
    expect(MESSAGE_MAX_CHARS).toBe(limits.messageContentMaxChars);
    expect(SYNC_PAGE_MAX).toBe(limits.syncPageMax);
  });
});
