import { useSyncExternalStore } from 'react';
import { duration } from '../format';
import { useNow } from '../useNow';
import type { CallSession, SessionView } from './CallSession';
import { currentSession, subscribeCurrent } from './callActions';

/** Follows the tab's current session and every change in it. */
function subscribe(listener: () => void): () => void {
  let session = currentSession();
  let leave = session?.subscribe(listener);
  const stop = subscribeCurrent(() => {
    if (currentSession() !== session) {
      leave?.();
      session = currentSession();
      leave = session?.subscribe(listener);
    }
    listener();
  });
  return () => {
    stop();
    leave?.();
  };
}

/** This tab's call and what it looks like now; null when there is none. */
export function useCallSession(): { session: CallSession; view: SessionView } | null {
  const view = useSyncExternalStore(subscribe, () => currentSession()?.view() ?? null);
  const session = currentSession();
  return session && view ? { session, view } : null;
}

/** "3:07" since the answer (ticking), or the final length once ended. */
export function useCallDuration(view: SessionView): string {
  const now = useNow(1_000);
  const { answeredAt, endedAt, durationSeconds } = view.call;
  if (!answeredAt) return duration(0);
  if (durationSeconds !== null) return duration(durationSeconds);
  const end = endedAt ? Date.parse(endedAt) : now;
  return duration((end - Date.parse(answeredAt)) / 1000);
}
