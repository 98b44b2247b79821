import type { Call } from '@warmdesk/protocol';
import { lazy, Suspense, useEffect, useState } from 'react';
import { agentSocket } from '../../api/socket';
import { useCurrentUser } from '../../auth/session';
import { resumeCall } from './callLauncher';
import { OWN_CALL_KEY, putCall, ringingFor, useLiveCalls, useOwnCall } from './callStore';

const CallOverlay = lazy(() => import('./CallOverlay').then((m) => ({ default: m.CallOverlay })));

function storedOwnCall(): { conversationId: string } | null {
  try {
    const raw = JSON.parse(sessionStorage.getItem(OWN_CALL_KEY) ?? 'null') as { conversationId?: unknown } | null;
    return typeof raw?.conversationId === 'string' ? { conversationId: raw.conversationId } : null;
  } catch {
    return null;
  }
}

/**
 * App-wide and small: keeps the live calls from `call:updated`, rejoins this tab's call after a reload, and loads
 * the call overlay (incoming prompt, the call's dock) once a call concerns this agent.
 */
export function CallBridge() {
  const me = useCurrentUser();
  const calls = useLiveCalls();
  const own = useOwnCall();
  const [wanted, setWanted] = useState(false);
  const needed = own !== null || ringingFor(me.id, calls).length > 0;
  if (needed && !wanted) setWanted(true);

  useEffect(() => {
    const socket = agentSocket();
    const onCall = (call: Call) => putCall(call);
    let first = true;
    const onConnect = () => {
      if (!first) return;
      first = false;
      const stored = storedOwnCall();
      if (stored) void resumeCall(stored.conversationId).catch(() => sessionStorage.removeItem(OWN_CALL_KEY));
    };
    socket.on('call:updated', onCall);
    socket.on('connect', onConnect);
    if (socket.connected) onConnect();
    return () => {
      socket.off('call:updated', onCall);
      socket.off('connect', onConnect);
    };
  }, []);

  // Once loaded it stays: the prompt and the dock come and go inside it.
  return wanted ? (
    <Suspense fallback={null}>
      <CallOverlay />
    </Suspense>
  ) : null;
}
