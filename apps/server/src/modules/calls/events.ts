import type { Call } from '@warmdesk/protocol';
import type { DomainEvent, EventBus } from '../../platform/events.js';
import type { CustomerScope } from '../messages/events.js';
import { type CallRow, presentCall } from './presenter.js';

/** A call changed (bus only, after commit): fan-out sends `call:updated`, timers follow ringing calls. */
export const CALL_CHANGED = 'call.changed';

export type CallChanged = {
  call: Call;
  customer: CustomerScope;
  /** The conversation's assignee, whose workspace follows its conversations. */
  assigneeUserId: string | null;
  /** When it started ringing (the ring timer counts from here). */
  rungAt: string | null;
};

export const callChangedEvent = (row: CallRow): DomainEvent => ({
  accountId: row.account_id,
  type: CALL_CHANGED,
  payload: {
    call: presentCall(row),
    customer: { contactId: row.contact_id, inboxId: row.inbox_id },
    assigneeUserId: row.assignee_user_id,
    rungAt: row.rung_at?.toISOString() ?? null,
  } satisfies CallChanged,
});

export function onCallChanged(bus: EventBus, fn: (accountId: string, e: CallChanged) => void): () => void {
  return bus.on(CALL_CHANGED, (event) => fn(event.accountId, event.payload as CallChanged));
}
