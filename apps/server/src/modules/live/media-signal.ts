import type { LiveSdpPayload } from '@warmdesk/protocol';
import type { AgentPrincipal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { MediaService } from '../../platform/media.js';
import { roomChanged } from './events.js';
import { hostsRoom } from './policy.js';
import type { RoomRow } from './presenter.js';

/** The SFU, or a clear error when this server runs without it. */
export function mediaOf(ctx: AppContext): MediaService {
  if (!ctx.media) throw new AppError('unavailable', 'live video is not available: the media service is not running');
  return ctx.media;
}

const assertLive = (room: RoomRow) => {
  if (room.state !== 'live') throw new AppError('conflict', `the room is ${room.state}, not live`);
};

async function setPublishing(ctx: AppContext, room: RoomRow, source: 'camera' | 'screen' | null): Promise<void> {
  await ctx.db.pool.query(
    'UPDATE live_rooms SET publishing = $2, publish_source = $3, updated_at = now() WHERE id = $1',
    [room.id, source !== null, source],
  );
  ctx.bus.publish([roomChanged(room.account_id, room.id)]);
}

/** `live:publish`: the host's (or a co-host's) offer; the SFU answers, capped at the room's bitrate. */
export async function publish(ctx: AppContext, p: AgentPrincipal, room: RoomRow, s: LiveSdpPayload): Promise<string> {
  if (!hostsRoom(p, room)) throw new AppError('forbidden', 'only the host and co-hosts broadcast in this room');
  assertLive(room);
  const { answerSdp } = await mediaOf(ctx).publish(room.id, s.sdp, { bitrateCapKbps: room.bitrate_cap_kbps });
  await setPublishing(ctx, room, s.source ?? 'camera');
  return answerSdp;
}

export async function unpublish(ctx: AppContext, p: AgentPrincipal, room: RoomRow): Promise<void> {
  if (!hostsRoom(p, room)) throw new AppError('forbidden', 'only the host and co-hosts broadcast in this room');
  await mediaOf(ctx).unpublish(room.id);
  await setPublishing(ctx, room, null);
}

/** The publishing socket went away: viewers see the broadcast paused until the host publishes again. */
export async function publisherGone(ctx: AppContext, room: RoomRow): Promise<void> {
  if (!room.publishing) return;
  await ctx.media?.unpublish(room.id);
  await setPublishing(ctx, room, null);
}

/** `live:watch`: a viewer's recvonly offer for the room's media. */
export async function watch(ctx: AppContext, room: RoomRow, viewerKey: string, s: LiveSdpPayload): Promise<string> {
  assertLive(room);
  const { answerSdp } = await mediaOf(ctx).watch(room.id, viewerKey, s.sdp);
  return answerSdp;
}
