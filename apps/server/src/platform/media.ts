/**
 * The media service (the SFU processes, `SERVICES=media`) as the API and realtime side use it. Live rooms call it;
 * the SFU itself lives in `apps/server/src/media/`. Signalling is non-trickle: every SDP carries its candidates.
 */
export interface MediaService {
  /** The host's complete offer (sendonly audio + video); the answer caps the publisher at `bitrateCapKbps`. */
  publish(roomId: string, offerSdp: string, options: { bitrateCapKbps: number }): Promise<{ answerSdp: string }>;
  /** Stops the room's publisher; viewers stay connected and get media again when the host republishes. */
  unpublish(roomId: string): Promise<void>;
  /** A viewer's complete recvonly offer; `viewerKey` is unique per viewer connection (e.g. the socket id). */
  watch(roomId: string, viewerKey: string, offerSdp: string): Promise<{ answerSdp: string }>;
  /** The viewer left (socket gone, left the room, removed). */
  leave(roomId: string, viewerKey: string): Promise<void>;
  /** The room ended: drop the publisher and every viewer, on every process serving it. */
  closeRoom(roomId: string): Promise<void>;
  /** Per SFU process: how many viewers and publishers it serves. */
  stats(): Promise<MediaProcessStats[]>;
  close(): Promise<void>;
}

export type MediaProcessStats = {
  id: string;
  rooms: number;
  publishers: number;
  viewers: number;
  /** Rooms this process serves as a relay (fed by another process, the room's origin). */
  relayedRooms: number;
  forwardedPackets: number;
  cpuPct: number;
};
