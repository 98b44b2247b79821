import type { zBotFeedbackBody } from '@warmdesk/protocol';
import { WarmdeskError } from './errors.js';

/** The body of `POST /widget/bot/feedback`, typed by the protocol's `zBotFeedbackBody` (a type-only import). */
export type BotFeedbackBody = ReturnType<(typeof zBotFeedbackBody)['parse']>;

/**
 * zod's `z.uuid()` (the protocol's `zId`), copied rather than imported: importing a protocol schema would put all
 * of zod into every widget bundle. bot-feedback.test.ts checks this agrees with `zBotFeedbackBody`.
 */
const H = '[\\da-fA-F]';
const UUID = new RegExp(
  `^(${H}{8}-${H}{4}-[1-8]${H}{3}-[89abAB]${H}{3}-${H}{12}|0{8}(-0{4}){3}-0{12}|f{8}(-f{4}){3}-f{12})$`,
);

/** `zBotFeedbackBody` checked before the request: a bad id fails at once with `validation_failed`. */
export function botFeedbackBody(messageId: unknown, helpful: unknown): BotFeedbackBody {
  if (typeof messageId !== 'string' || !UUID.test(messageId))
    throw new WarmdeskError('validation_failed', 'messageId must be the UUID of a bot message');
  if (typeof helpful !== 'boolean') throw new WarmdeskError('validation_failed', 'helpful must be true or false');
  return { messageId, helpful };
}
