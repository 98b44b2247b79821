import { zBotFeedbackBody } from '@warmdesk/protocol';
import { describe, expect, it } from 'vitest';
import { botFeedbackBody } from './bot-feedback.js';
import { WarmdeskError } from './errors.js';

const accepted = (messageId: unknown, helpful: unknown) => {
  try {
    botFeedbackBody(messageId, helpful);
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(WarmdeskError);
    expect((error as WarmdeskError).code).toBe('validation_failed');
    return false;
  }
};

describe('botFeedbackBody', () => {
  it('accepts and refuses exactly what zBotFeedbackBody does', () => {
    const ids: unknown[] = [
      '0198c7a2-3b4c-7d5e-8f60-718293a4b5c6',
      '0198C7A2-3B4C-7D5E-8F60-718293A4B5C6',
      '123e4567-e89b-12d3-a456-426614174000',
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
      '0198c7a2-3b4c-7d5e-Bf60-718293a4b5c6',
      '0198c7a2-3b4c-9d5e-8f60-718293a4b5c6',
      '0198c7a2-3b4c-7d5e-cf60-718293a4b5c6',
      '0198c7a2-3b4c-7d5e-8f60-718293a4b5c',
      ' 0198c7a2-3b4c-7d5e-8f60-718293a4b5c6',
      'not-a-uuid',
      '',
      42,
      null,
    ];
    for (const messageId of ids)
      for (const helpful of [true, false, 'yes', 1, undefined])
        expect(accepted(messageId, helpful), `${String(messageId)} ${String(helpful)}`).toBe(
          zBotFeedbackBody.safeParse({ messageId, helpful }).success,
        );
  });
});
