import { createHash } from 'node:crypto';
import { Agent, request } from 'node:http';
import { z } from 'zod';
import type { MediaProcessStats, MediaService } from '../platform/media.js';
import {
  MEDIA_SECRET_HEADER,
  type RelayOrigin,
  zHealth,
  zProcessStats,
  zRoomInfo,
  zWatchResult,
} from './control-schema.js';

const zOk = z.object({ ok: z.literal(true) });

export class MediaError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const REQUEST_TIMEOUT_MS = 15_000;

/** Rendezvous hashing: every API process orders the SFU processes the same way for a room, with no shared state. */
export function processOrder(roomId: string, urls: string[]): string[] {
  const score = (url: string) => createHash('sha1').update(`${roomId}|${url}`).digest().readUInt32BE(0);
  return [...urls].sort((a, b) => score(b) - score(a));
}

/**
 * The MediaService over the SFU processes' control API. A room's publisher lives on its origin (the first process
 * in the room's order); viewers go to the origin until it is full, then to the next processes as relays, which the
 * origin feeds over the cascade link.
 */
export class MediaClient implements MediaService {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  /** Where each viewer was placed (room id + viewer key -> process URL). */
  private readonly placements = new Map<string, string>();

  constructor(
    readonly urls: string[],
    private readonly secret: string,
    private readonly onClose: () => Promise<void> = async () => undefined,
  ) {
    if (urls.length === 0) throw new Error('the media client needs at least one SFU process');
  }

  private call<T extends z.ZodType>(url: string, method: 'GET' | 'POST', path: string, body: unknown, schema: T) {
    return new Promise<z.infer<T>>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        `${url}${path}`,
        {
          method,
          agent: this.agent,
          timeout: REQUEST_TIMEOUT_MS,
          headers: {
            [MEDIA_SECRET_HEADER]: this.secret,
            ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            let json: unknown;
            try {
              json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              reject(new MediaError(502, `media process ${url} answered non-JSON`));
              return;
            }
            if (res.statusCode !== 200) {
              const error = (json as { error?: unknown } | null)?.error;
              reject(new MediaError(res.statusCode ?? 502, typeof error === 'string' ? error : 'media request failed'));
              return;
            }
            const parsed = schema.safeParse(json);
            if (parsed.success) resolve(parsed.data);
            else reject(new MediaError(502, `media process ${url} answered an unexpected shape`));
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new MediaError(504, `media process ${url} timed out`)));
      req.on('error', (err) => reject(err instanceof MediaError ? err : new MediaError(503, err.message)));
      req.end(payload);
    });
  }

  private post(url: string, path: string, body: unknown) {
    return this.call(url, 'POST', path, body, zOk);
  }

  async publish(roomId: string, offerSdp: string, options: { bitrateCapKbps: number }) {
    const origin = processOrder(roomId, this.urls)[0] as string;
    const result = await this.call(
      origin,
      'POST',
      '/v1/publish',
      { roomId, offerSdp, bitrateCapKbps: options.bitrateCapKbps },
      zWatchResult,
    );
    if (!('answerSdp' in result)) throw new MediaError(502, 'the origin gave no answer');
    return { answerSdp: result.answerSdp };
  }

  async unpublish(roomId: string) {
    await this.post(processOrder(roomId, this.urls)[0] as string, '/v1/unpublish', { roomId });
  }

  async watch(roomId: string, viewerKey: string, offerSdp: string) {
    const key = `${roomId}\n${viewerKey}`;
    const order = processOrder(roomId, this.urls);
    // A viewer that subscribes again stays where it was.
    const previous = this.placements.get(key);
    const ordered = previous ? [previous, ...order.filter((u) => u !== previous)] : order;
    let origin: RelayOrigin | undefined;
    for (const url of ordered) {
      const isOrigin = url === order[0];
      const result = await this.call(
        url,
        'POST',
        '/v1/watch',
        {
          roomId,
          viewerKey,
          offerSdp,
          ...(isOrigin ? {} : { origin: origin ?? (await this.originOf(roomId, order)) }),
        },
        zWatchResult,
      );
      if ('answerSdp' in result) {
        if (previous && previous !== url)
          void this.post(previous, '/v1/leave', { roomId, viewerKey }).catch(() => undefined);
        this.placements.set(key, url);
        return { answerSdp: result.answerSdp };
      }
      origin ??= result.origin;
    }
    throw new MediaError(503, 'every media process is at its viewer limit');
  }

  /** The origin's cascade address and codecs, asked when a relay is tried before the origin said it is full. */
  private async originOf(roomId: string, order: string[]): Promise<RelayOrigin> {
    const origin = order[0] as string;
    const health = await this.call(origin, 'GET', '/v1/health', undefined, zHealth);
    const info = await this.call(origin, 'GET', `/v1/rooms/${encodeURIComponent(roomId)}`, undefined, zRoomInfo);
    return { cascade: health.cascade, codecs: info.codecs };
  }

  async leave(roomId: string, viewerKey: string) {
    const key = `${roomId}\n${viewerKey}`;
    const url = this.placements.get(key);
    this.placements.delete(key);
    // Placed by another API process (cluster): ask every SFU process, leaving is idempotent.
    const targets = url ? [url] : this.urls;
    await Promise.all(targets.map((u) => this.post(u, '/v1/leave', { roomId, viewerKey })));
  }

  async closeRoom(roomId: string) {
    for (const key of this.placements.keys()) if (key.startsWith(`${roomId}\n`)) this.placements.delete(key);
    await Promise.all(this.urls.map((u) => this.post(u, '/v1/close-room', { roomId })));
  }

  async stats(): Promise<MediaProcessStats[]> {
    return Promise.all(this.urls.map((u) => this.call(u, 'GET', '/v1/stats', undefined, zProcessStats)));
  }

  /** One process's view of a room (tests, bench): viewers, relays, keyframe requests sent. */
  roomInfo(url: string, roomId: string) {
    return this.call(url, 'GET', `/v1/rooms/${encodeURIComponent(roomId)}`, undefined, zRoomInfo);
  }

  async close() {
    this.agent.destroy();
    await this.onClose();
  }
}
