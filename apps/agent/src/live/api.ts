import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  LiveCard,
  LiveCardBody,
  LiveRoom,
  LiveRoomCreateBody,
  LiveRoomUpdateBody,
  LiveStats,
} from '@warmdesk/protocol';
import { api } from '../api/http';

/** REST of live rooms (docs/api.md "Live rooms"); the realtime part goes over the agent socket (./console). */
export const liveKeys = {
  rooms: ['live-rooms'] as const,
  room: (id: string) => ['live-rooms', id] as const,
  stats: (id: string) => ['live-rooms', id, 'stats'] as const,
};

const base = (id: string) => `/live/rooms/${encodeURIComponent(id)}`;

export const useLiveRooms = () =>
  useQuery({
    queryKey: liveKeys.rooms,
    queryFn: () => api<{ items: LiveRoom[] }>('/live/rooms').then((r) => r.items),
    refetchInterval: 15_000,
  });

export const useLiveRoom = (id: string | undefined) =>
  useQuery({ queryKey: liveKeys.room(id ?? ''), queryFn: () => api<LiveRoom>(base(id ?? '')), enabled: !!id });

/** Saved stats of a room (live: the current figures; ended: the final ones). */
export const useLiveStats = (id: string, enabled = true, poll = false) =>
  useQuery({
    queryKey: liveKeys.stats(id),
    queryFn: () => api<LiveStats>(`${base(id)}/stats`),
    enabled,
    refetchInterval: poll ? 15_000 : false,
  });

export function useSaveRoom(id: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LiveRoomCreateBody | LiveRoomUpdateBody) =>
      id ? api<LiveRoom>(base(id), { method: 'PATCH', body }) : api<LiveRoom>('/live/rooms', { method: 'POST', body }),
    onSuccess: (room) => {
      client.setQueryData(liveKeys.room(room.id), room);
      void client.invalidateQueries({ queryKey: liveKeys.rooms });
    },
  });
}

export const startRoom = (id: string) => api<LiveRoom>(`${base(id)}/start`, { method: 'POST' });
export const endRoom = (id: string) => api<LiveRoom>(`${base(id)}/end`, { method: 'POST' });
export const updateRoom = (id: string, body: LiveRoomUpdateBody) => api<LiveRoom>(base(id), { method: 'PATCH', body });

export const addCard = (id: string, body: LiveCardBody) => api<LiveCard>(`${base(id)}/cards`, { method: 'POST', body });
export const removeCard = (id: string, cardId: string) =>
  api<void>(`${base(id)}/cards/${encodeURIComponent(cardId)}`, { method: 'DELETE' });

/** The room's QR code (the share link), as an image URL for <img> and downloads. */
export const qrUrl = (id: string, format: 'png' | 'svg') => `/api/v1${base(id)}/qr.${format}`;

/** Uploads the host's recording for replay (multipart, field `file`). */
export function uploadRecording(id: string, blob: Blob): Promise<LiveRoom> {
  const form = new FormData();
  form.append('file', new File([blob], 'recording.webm', { type: blob.type || 'video/webm' }));
  return api<LiveRoom>(`${base(id)}/recording`, { method: 'POST', body: form });
}
