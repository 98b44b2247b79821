import { createHmac, timingSafeEqual } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import type { CascadeAddress } from './room.js';
import type { MediaKind } from './sdp.js';

/*
 * The link between SFU processes serving one room. A relay subscribes to a room on its origin (and renews the
 * subscription every second); the origin sends it the room's rewritten RTP; the relay asks the origin for
 * keyframes. One UDP datagram per message:
 *   [type 1 byte][kind 1 byte][room id length 1 byte][room id][RTP packet | 8-byte MAC]
 * Control messages carry an HMAC of the shared media secret, so only SFU processes can subscribe.
 */

const RTP = 1;
const SUBSCRIBE = 2;
const UNSUBSCRIBE = 3;
const KEYFRAME = 4;
const MAC_BYTES = 8;
const KINDS: MediaKind[] = ['audio', 'video'];

export type CascadeHandlers = {
  onRtp: (from: CascadeAddress, roomId: string, kind: MediaKind, packet: Buffer) => void;
  onSubscribe: (from: CascadeAddress, roomId: string) => void;
  onUnsubscribe: (from: CascadeAddress, roomId: string) => void;
  onKeyframeRequest: (from: CascadeAddress, roomId: string) => void;
};

export class CascadeLink {
  private readonly socket: Socket;
  private readonly prefixes = new Map<string, Buffer>();

  private constructor(
    socket: Socket,
    private readonly secret: string,
    readonly address: CascadeAddress,
  ) {
    this.socket = socket;
  }

  static async open(host: string, port: number, secret: string, handlers: CascadeHandlers): Promise<CascadeLink> {
    const socket = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', recvBufferSize: 8 << 20 });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    const bound = socket.address();
    const link = new CascadeLink(socket, secret, { host, port: bound.port });
    socket.on('message', (msg, rinfo) => link.receive(msg, { host: rinfo.address, port: rinfo.port }, handlers));
    socket.on('error', () => undefined);
    return link;
  }

  private mac(type: number, roomId: string): Buffer {
    return createHmac('sha256', this.secret).update(`${type}:${roomId}`).digest().subarray(0, MAC_BYTES);
  }

  private header(type: number, kind: number, roomId: string): Buffer {
    const id = Buffer.from(roomId, 'utf8');
    return Buffer.concat([Buffer.from([type, kind, id.length]), id]);
  }

  private receive(msg: Buffer, from: CascadeAddress, handlers: CascadeHandlers) {
    if (msg.length < 4) return;
    const type = msg[0] ?? 0;
    const kind = KINDS[msg[1] ?? 9];
    const idLength = msg[2] ?? 0;
    if (msg.length < 3 + idLength) return;
    const roomId = msg.toString('utf8', 3, 3 + idLength);
    const body = msg.subarray(3 + idLength);
    if (type === RTP) {
      if (kind) handlers.onRtp(from, roomId, kind, Buffer.from(body));
      return;
    }
    const expected = this.mac(type, roomId);
    if (body.length !== MAC_BYTES || !timingSafeEqual(body, expected)) return;
    if (type === SUBSCRIBE) handlers.onSubscribe(from, roomId);
    else if (type === UNSUBSCRIBE) handlers.onUnsubscribe(from, roomId);
    else if (type === KEYFRAME) handlers.onKeyframeRequest(from, roomId);
  }

  private sendControl(type: number, to: CascadeAddress, roomId: string) {
    const msg = Buffer.concat([this.header(type, 0, roomId), this.mac(type, roomId)]);
    this.socket.send(msg, to.port, to.host);
  }

  subscribe(origin: CascadeAddress, roomId: string) {
    this.sendControl(SUBSCRIBE, origin, roomId);
  }

  unsubscribe(origin: CascadeAddress, roomId: string) {
    this.sendControl(UNSUBSCRIBE, origin, roomId);
  }

  requestKeyframe(origin: CascadeAddress, roomId: string) {
    this.sendControl(KEYFRAME, origin, roomId);
  }

  sendRtp(to: CascadeAddress, roomId: string, kind: MediaKind, packet: Buffer) {
    const key = `${kind}:${roomId}`;
    let prefix = this.prefixes.get(key);
    if (!prefix) {
      prefix = this.header(RTP, KINDS.indexOf(kind), roomId);
      this.prefixes.set(key, prefix);
    }
    this.socket.send([prefix, packet], to.port, to.host);
  }

  forgetRoom(roomId: string) {
    for (const kind of KINDS) this.prefixes.delete(`${kind}:${roomId}`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
