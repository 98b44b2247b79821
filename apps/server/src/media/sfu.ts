import type { MediaProcessStats } from '../platform/media.js';
import { CascadeLink } from './cascade.js';
import type { RelayOrigin, RoomInfo, WatchResult } from './control-schema.js';
import { type IceSettings, parseOffer } from './peers.js';
import { type CascadeAddress, Room, type RoomHost } from './room.js';

const RELAY_RENEW_MS = 1_000;
const RELAY_EXPIRY_MS = 5_000;

export type SfuSettings = {
  id: string;
  secret: string;
  ice: IceSettings;
  cascadeHost: string;
  cascadePort: number;
  maxViewers: number;
  log: (msg: string, fields?: Record<string, unknown>) => void;
};

export class NotFoundError extends Error {}
export class ConflictError extends Error {}

/** One SFU process: its rooms (as origin or relay), the cascade link and its counters. */
export class Sfu {
  private readonly rooms = new Map<string, Room>();
  private forwarded = 0;
  private cpu = { usage: process.cpuUsage(), at: process.hrtime.bigint(), pct: 0 };
  private readonly timer: NodeJS.Timeout;
  private readonly host: RoomHost;

  private constructor(
    private readonly settings: SfuSettings,
    readonly cascade: CascadeLink,
  ) {
    this.host = {
      ice: settings.ice,
      sendToRelay: (to, roomId, kind, packet) => this.cascade.sendRtp(to, roomId, kind, packet),
      requestKeyframeFromOrigin: (origin, roomId) => this.cascade.requestKeyframe(origin, roomId),
      countForwarded: (n) => {
        this.forwarded += n;
      },
      onIdle: (roomId) => this.dropRoom(roomId),
      log: settings.log,
    };
    this.timer = setInterval(() => this.tick(), RELAY_RENEW_MS);
    this.timer.unref();
  }

  static async start(settings: SfuSettings): Promise<Sfu> {
    let sfu: Sfu | undefined;
    const cascade = await CascadeLink.open(settings.cascadeHost, settings.cascadePort, settings.secret, {
      onRtp: (from, roomId, kind, packet) => {
        const room = sfu?.rooms.get(roomId);
        if (room?.origin && room.origin.port === from.port && room.origin.host === from.host) {
          room.forward(kind, packet);
        }
      },
      onSubscribe: (from, roomId) => sfu?.roomFor(roomId).subscribeRelay(from),
      onUnsubscribe: (from, roomId) => sfu?.rooms.get(roomId)?.unsubscribeRelay(from),
      onKeyframeRequest: (_from, roomId) => sfu?.rooms.get(roomId)?.requestKeyframe(),
    });
    sfu = new Sfu(settings, cascade);
    return sfu;
  }

  private tick() {
    const now = process.hrtime.bigint();
    const usage = process.cpuUsage(this.cpu.usage);
    const elapsedUs = Number(now - this.cpu.at) / 1000;
    this.cpu = { usage: process.cpuUsage(), at: now, pct: ((usage.user + usage.system) / elapsedUs) * 100 };
    for (const room of this.rooms.values()) {
      if (room.origin && room.viewerCount > 0) this.cascade.subscribe(room.origin, room.id);
      if (!room.origin) room.expireRelays(RELAY_EXPIRY_MS);
    }
  }

  private roomFor(roomId: string, origin?: RelayOrigin): Room {
    let room = this.rooms.get(roomId);
    if (!room) {
      room = new Room(roomId, this.host);
      if (origin) {
        room.origin = origin.cascade;
        room.codecs = structuredClone(origin.codecs);
        room.resetRewriters();
      }
      this.rooms.set(roomId, room);
    }
    return room;
  }

  private dropRoom(roomId: string) {
    const room = this.rooms.get(roomId);
    if (!room) return;
    this.rooms.delete(roomId);
    if (room.origin) this.cascade.unsubscribe(room.origin, roomId);
    this.cascade.forgetRoom(roomId);
    room.close();
  }

  get viewerCount(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.viewerCount;
    return n;
  }

  async publish(roomId: string, offerSdp: string, bitrateCapKbps: number): Promise<string> {
    const room = this.roomFor(roomId);
    if (room.origin) throw new ConflictError('this process relays the room; publish on its origin');
    return room.publish(offerSdp, bitrateCapKbps);
  }

  unpublish(roomId: string) {
    this.rooms.get(roomId)?.unpublish();
  }

  async watch(roomId: string, viewerKey: string, offerSdp: string, origin?: RelayOrigin): Promise<WatchResult> {
    parseOffer(offerSdp);
    const existing = this.rooms.get(roomId);
    const rewatch = existing?.hasViewer(viewerKey) ?? false;
    if (!rewatch && this.viewerCount >= this.settings.maxViewers) {
      if (origin) return { full: true, origin };
      const room = this.roomFor(roomId);
      return { full: true, origin: { cascade: this.cascade.address, codecs: room.codecs } };
    }
    const room = this.roomFor(roomId, origin);
    if (origin && !room.origin) throw new ConflictError('this process is the origin of the room');
    const isFirstRelayViewer = room.origin !== undefined && room.viewerCount === 0;
    const answerSdp = await room.watch(viewerKey, offerSdp);
    if (isFirstRelayViewer && room.origin) this.cascade.subscribe(room.origin, roomId);
    return { answerSdp };
  }

  leave(roomId: string, viewerKey: string) {
    this.rooms.get(roomId)?.leave(viewerKey);
  }

  closeRoom(roomId: string) {
    this.dropRoom(roomId);
  }

  roomInfo(roomId: string): RoomInfo {
    const room = this.rooms.get(roomId);
    if (!room) throw new NotFoundError('no such room on this process');
    return {
      roomId,
      publishing: room.publishing,
      viewers: room.viewerCount,
      relays: room.relayCount,
      relayOf: room.origin ?? null,
      keyframeRequests: room.keyframeRequests,
      forwardedPackets: room.forwardedPackets,
      codecs: room.codecs,
    };
  }

  stats(): MediaProcessStats {
    let publishers = 0;
    let relayedRooms = 0;
    for (const room of this.rooms.values()) {
      if (room.publishing) publishers++;
      if (room.origin) relayedRooms++;
    }
    return {
      id: this.settings.id,
      rooms: this.rooms.size,
      publishers,
      viewers: this.viewerCount,
      relayedRooms,
      forwardedPackets: this.forwarded,
      cpuPct: Math.round(this.cpu.pct * 10) / 10,
    };
  }

  get cascadeAddress(): CascadeAddress {
    return this.cascade.address;
  }

  async close() {
    clearInterval(this.timer);
    for (const roomId of [...this.rooms.keys()]) this.dropRoom(roomId);
    await this.cascade.close();
  }
}
