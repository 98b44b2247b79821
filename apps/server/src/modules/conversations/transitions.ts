import type { ConversationStatus } from '@warmdesk/protocol';
import { AppError } from '../../platform/errors.js';

/** The conversation state machine: from each status, the statuses it may move to. */
export const transitions: Readonly<Record<ConversationStatus, readonly ConversationStatus[]>> = {
  open: ['pending', 'snoozed', 'resolved', 'closed'],
  pending: ['open', 'snoozed', 'resolved', 'closed'],
  snoozed: ['open', 'pending', 'resolved', 'closed'],
  resolved: ['open', 'closed'],
  closed: [],
};

export const canTransition = (from: ConversationStatus, to: ConversationStatus) =>
  from === to || transitions[from].includes(to);

export function assertTransition(from: ConversationStatus, to: ConversationStatus): void {
  if (!canTransition(from, to)) {
    throw new AppError('invalid_transition', `a ${from} conversation cannot become ${to}`, {
      from,
      to,
      allowed: transitions[from],
    });
  }
}
