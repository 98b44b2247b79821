import type { Call } from '@warmdesk/protocol';
import { useSyncExternalStore } from 'react';

/*
 * The calls this tab knows to be alive (from `call:updated`, and fetched lists), app-wide and tiny: the incoming
 * prompt, the queue, the conversation header and list read it without loading the call code. `own` is the call
 * this tab is a party in (set by the call session, lazily loaded).
 */

const calls = new Map<string, Call>();
export type OwnCall = { callId: string; conversationId: string; ended: boolean };
let own: OwnCall | null = null;

/** sessionStorage: the call this tab was in, so that a reload rejoins it (`call:rejoin`). */
export const OWN_CALL_KEY = 'warmdesk.agent.call';
let version = 0;
const listeners = new Set<() => void>();

function changed(): void {
  version++;
  for (const l of listeners) l();
}

/** Ended calls stay ended: a list fetched before the end must not bring one back. */
const ended = new Set<string>();

/** A call as the server sent it; an ended call is dropped (the timeline keeps its record). */
export function putCall(call: Call): void {
  if (ended.has(call.id)) return;
  if (call.state === 'ended') {
    ended.add(call.id);
    if (!calls.delete(call.id)) return;
  } else {
    calls.set(call.id, call);
  }
  changed();
}

/** A fetched list (newest first): the live calls not known yet. */
export function putCalls(list: Call[]): void {
  let added = false;
  for (const call of list) {
    if (call.state === 'ended' || ended.has(call.id) || calls.has(call.id)) continue;
    calls.set(call.id, call);
    added = true;
  }
  if (added) changed();
}

export function setOwnCall(next: OwnCall | null): void {
  own = next;
  changed();
}

export const ownCall = () => own;
export const liveCall = (conversationId: string): Call | undefined =>
  [...calls.values()].find((c) => c.conversationId === conversationId);

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

function useVersion(): number {
  return useSyncExternalStore(subscribe, () => version);
}

/** The live call of a conversation, if any. */
export function useLiveCall(conversationId: string): Call | undefined {
  useVersion();
  return liveCall(conversationId);
}

/** Every live call (queue badges, the incoming prompt). */
export function useLiveCalls(): Call[] {
  useVersion();
  return [...calls.values()];
}

export function useOwnCall(): OwnCall | null {
  useVersion();
  return own;
}

/** Calls ringing this agent that this tab is not already in. */
export function ringingFor(userId: string, list: Call[]): Call[] {
  return list.filter(
    (c) => c.state === 'ringing' && c.initiator === 'customer' && c.agent?.id === userId && own?.callId !== c.id,
  );
}

/** Whether this tab is in a call now (a new one cannot start). */
export const inCall = (): boolean => own !== null && !own.ended;

/** The conversation's queued call (a customer waiting for someone to take it), if any. */
export function queuedCall(conversationId: string, list: Call[]): Call | undefined {
  return list.find((c) => c.conversationId === conversationId && c.state === 'queued');
}
