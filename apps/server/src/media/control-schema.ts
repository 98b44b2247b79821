import { z } from 'zod';

/** The control API between API processes and SFU processes (HTTP JSON, `x-warmdesk-media-secret` header). */

export const MEDIA_SECRET_HEADER = 'x-warmdesk-media-secret';

const zRoomId = z.string().regex(/^[\w-]{1,100}$/, '1-100 letters, digits, _ or -');
const zViewerKey = z.string().regex(/^[\w:.-]{1,200}$/, '1-200 letters, digits or _ : . -');
const zSdp = z.string().min(10).max(20_000);

export const zCascadeAddress = z.object({ host: z.string().min(1).max(100), port: z.number().int().min(1).max(65535) });

const zCodec = z.object({
  name: z.string().regex(/^(VP8|H264|opus)$/i, 'VP8, H264 or opus'),
  clockRate: z.number().int().min(8000).max(90_000),
  fmtp: z.string().max(500),
  payloadType: z.number().int().min(96).max(127),
});
export const zRoomCodecs = z.object({ audio: zCodec, video: zCodec });

export const zPublishBody = z.object({
  roomId: zRoomId,
  offerSdp: zSdp,
  bitrateCapKbps: z.number().int().min(100).max(8000),
});

/** Where a relay gets the room's stream, given by the client when it places a viewer off the origin. */
export const zRelayOrigin = z.object({ cascade: zCascadeAddress, codecs: zRoomCodecs });
export type RelayOrigin = z.infer<typeof zRelayOrigin>;

export const zWatchBody = z.object({
  roomId: zRoomId,
  viewerKey: zViewerKey,
  offerSdp: zSdp,
  /** Present when this process serves the viewer as a relay of another process (the room's origin). */
  origin: zRelayOrigin.optional(),
});

export const zRoomBody = z.object({ roomId: zRoomId });
export const zLeaveBody = z.object({ roomId: zRoomId, viewerKey: zViewerKey });

export const zAnswer = z.object({ answerSdp: z.string() });
/** This process is at its viewer limit: place the viewer on a relay fed from `origin`. */
export const zFull = z.object({ full: z.literal(true), origin: zRelayOrigin });
export const zWatchResult = z.union([zAnswer, zFull]);
export type WatchResult = z.infer<typeof zWatchResult>;

export const zProcessStats = z.object({
  id: z.string(),
  rooms: z.number(),
  publishers: z.number(),
  viewers: z.number(),
  relayedRooms: z.number(),
  forwardedPackets: z.number(),
  cpuPct: z.number(),
});

export const zRoomInfo = z.object({
  roomId: z.string(),
  publishing: z.boolean(),
  viewers: z.number(),
  relays: z.number(),
  relayOf: zCascadeAddress.nullable(),
  keyframeRequests: z.number(),
  forwardedPackets: z.number(),
  codecs: zRoomCodecs,
});
export type RoomInfo = z.infer<typeof zRoomInfo>;

export const zHealth = z.object({ id: z.string(), cascade: zCascadeAddress });
