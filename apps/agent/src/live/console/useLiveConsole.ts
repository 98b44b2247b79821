import type {
  ClientToServerEvents,
  LiveChatMessage,
  LiveRoom,
  LiveRoomPublic,
  LiveStats,
  LiveViewer,
  LiveViewerEvent,
} from '@warmdesk/protocol';
import { mergeChat } from '@warmdesk/sdk/live';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../../api/http';
import { agentSocket } from '../../api/socket';

/** How many join/leave lines the feed keeps. */
const FEED_LIMIT = 200;

export interface LiveConsoleState {
  room: LiveRoom | null;
  messages: LiveChatMessage[];
  /** Everyone who joined, by contact id (leftAt set once gone). */
  viewers: Map<string, LiveViewer>;
  /** Join and leave events, newest first. */
  feed: LiveViewerEvent[];
  stats: LiveStats | null;
  joined: boolean;
  error: string | null;
}

type StaffEvent = Extract<
  keyof ClientToServerEvents,
  'live:chat' | 'live:answer' | 'live:greet' | 'live:moderate' | 'live:pin' | 'live:private' | 'live:publish'
>;
type Payload<K extends StaffEvent> = Parameters<ClientToServerEvents[K]>[0];
type Result<K extends StaffEvent> = Parameters<ClientToServerEvents[K]>[1] extends (res: infer R) => void
  ? Extract<R, { ok: true }>
  : never;

/** Sends a staff `live:*` event and resolves with its acknowledgement; a refusal rejects as an ApiError. */
export async function liveEmit<K extends StaffEvent>(event: K, payload: Payload<K>): Promise<Result<K>> {
  const socket = agentSocket() as unknown as {
    timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
  };
  const res = (await socket.timeout(15_000).emitWithAck(event, payload)) as
    | ({ ok: true } & Record<string, unknown>)
    | { ok: false; error?: { code?: string; message?: string } };
  if (!res.ok) throw new ApiError(400, res.error?.code ?? 'internal', res.error?.message ?? event);
  return res as Result<K>;
}

/**
 * The console's view of one room over the agent socket: joins it (again after every reconnect) and keeps the
 * room, its chat, the join feed, the viewers and the live stats.
 */
export function useLiveConsole(roomId: string): LiveConsoleState & { setRoom: (room: LiveRoom) => void } {
  const [state, setState] = useState<LiveConsoleState>({
    room: null,
    messages: [],
    viewers: new Map(),
    feed: [],
    stats: null,
    joined: false,
    error: null,
  });
  const alive = useRef(true);
  const lastClicks = useRef<number | null>(null);

  const patch = useCallback((fn: (s: LiveConsoleState) => Partial<LiveConsoleState>) => {
    if (alive.current) setState((s) => ({ ...s, ...fn(s) }));
  }, []);

  useEffect(() => {
    alive.current = true;
    const socket = agentSocket();
    const join = () => {
      socket
        .timeout(15_000)
        .emitWithAck('live:join', { roomId })
        .then((res) => {
          if (!res.ok) return patch(() => ({ error: res.error.message, joined: false }));
          if (res.stats) lastClicks.current = res.stats.cardClicks;
          const list: LiveViewer[] = res.viewers ?? [];
          const viewers = new Map(list.map((v) => [v.contactId, v]));
          patch((s) => ({
            room: res.room as LiveRoom,
            messages: mergeChat(s.messages, res.messages),
            viewers,
            // opened after viewers arrived (a co-host, a reload): the feed starts with who is known
            feed: s.feed.length > 0 ? s.feed : feedOf(roomId, list),
            stats: res.stats ?? s.stats,
            joined: true,
            error: null,
          }));
        })
        .catch((error: unknown) => patch(() => ({ error: String(error), joined: false })));
    };
    // Staff get the whole room; a public view (should one arrive) only updates what it carries.
    const onRoom = (room: LiveRoom | LiveRoomPublic) => {
      if (room.id !== roomId) return;
      patch((s) => ({
        room: 'inboxId' in room ? room : ({ ...s.room, ...room, cards: s.room?.cards ?? room.cards } as LiveRoom),
      }));
    };
    const onChat = (message: LiveChatMessage) => {
      if (message.roomId === roomId) patch((s) => ({ messages: mergeChat(s.messages, [message]) }));
    };
    const onViewer = (event: LiveViewerEvent) => {
      if (event.roomId !== roomId) return;
      patch((s) => {
        const viewers = new Map(s.viewers);
        viewers.set(event.viewer.contactId, event.viewer);
        return { viewers, feed: [event, ...s.feed].slice(0, FEED_LIMIT) };
      });
    };
    const onStats = (stats: LiveStats) => {
      if (stats.roomId !== roomId) return;
      const before = lastClicks.current;
      lastClicks.current = stats.cardClicks;
      patch(() => ({ stats }));
      // Per-card counts are on the room, not in the stats: fetch it again when the clicks moved.
      if (before !== stats.cardClicks && stats.cardClicks > 0)
        api<LiveRoom>(`/live/rooms/${encodeURIComponent(roomId)}`).then(
          (room) => patch(() => ({ room })),
          () => {},
        );
    };
    const onDisconnect = () => patch(() => ({ joined: false }));
    socket.on('live:room', onRoom);
    socket.on('live:chat', onChat);
    socket.on('live:viewer', onViewer);
    socket.on('live:stats', onStats);
    socket.on('connect', join);
    socket.on('disconnect', onDisconnect);
    if (socket.connected) join();
    return () => {
      alive.current = false;
      socket.off('live:room', onRoom);
      socket.off('live:chat', onChat);
      socket.off('live:viewer', onViewer);
      socket.off('live:stats', onStats);
      socket.off('connect', join);
      socket.off('disconnect', onDisconnect);
      socket.emit('live:leave', { roomId });
    };
  }, [roomId, patch]);

  const setRoom = useCallback((room: LiveRoom) => patch(() => ({ room })), [patch]);
  return { ...state, setRoom };
}

/** Feed lines for viewers known at join time, newest first. */
function feedOf(roomId: string, viewers: LiveViewer[]): LiveViewerEvent[] {
  return viewers
    .map((viewer) => ({
      roomId,
      kind: viewer.leftAt ? ('leave' as const) : ('join' as const),
      viewer,
      at: viewer.leftAt ?? viewer.joinedAt,
    }))
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, FEED_LIMIT);
}
