import type { ClientToServerEvents } from '@warmdesk/protocol';
import { WarmdeskClient } from '../client.js';
import type { CustomerSocket } from '../connection.js';
import { Emitter, type Listener } from '../emitter.js';
import { errorFromBody, isRecord, toWarmdeskError, WarmdeskError } from '../errors.js';
import type { ClientOptions } from '../types.js';

/** The live-room events a viewer sends. */
export type LiveEmitEvent = Extract<
  keyof ClientToServerEvents,
  'live:join' | 'live:leave' | 'live:chat' | 'live:question' | 'live:click' | 'live:watch'
>;
export type LiveEmitPayload<K extends LiveEmitEvent> = Parameters<ClientToServerEvents[K]>[0];
/** What the server acknowledges a live event with, when it succeeded. */
export type LiveEmitResult<K extends LiveEmitEvent> =
  NonNullable<Parameters<ClientToServerEvents[K]>[1]> extends (res: infer R) => void ? Extract<R, { ok: true }> : never;

/** A `live:*` event of the server, unchecked (LiveViewerClient checks what it reads). */
export interface LiveRelayEvent {
  event: string;
  payload: unknown;
}

/**
 * The customer client with live rooms: the same session, socket, outbox and conversations as WarmdeskClient,
 * plus the `live:*` events. A subclass so that pages without live rooms (the widget) carry none of it.
 */
export class LiveCustomerClient extends WarmdeskClient {
  private readonly live = new Emitter<{ live: LiveRelayEvent }>();

  onLive(fn: Listener<LiveRelayEvent>): this {
    this.live.on('live', fn);
    return this;
  }

  offLive(fn: Listener<LiveRelayEvent>): this {
    this.live.off('live', fn);
    return this;
  }

  /** Sends a `live:*` event and resolves with the acknowledgement; rejects with the server's error. */
  liveEmit<K extends LiveEmitEvent>(event: K, payload: LiveEmitPayload<K>): Promise<LiveEmitResult<K>> {
    const socket = this.connection.socket as unknown as {
      timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
    } | null;
    if (!socket || !this.connection.isConnected()) return Promise.reject(new WarmdeskError('disconnected', event));
    return socket
      .timeout(this.ackTimeoutMs)
      .emitWithAck(event, payload)
      .then(
        (res) => {
          if (isRecord(res) && res.ok) return res as LiveEmitResult<K>;
          throw errorFromBody(res, { message: event });
        },
        (error: unknown) => {
          throw toWarmdeskError(error);
        },
      );
  }

  protected override listen(socket: CustomerSocket): void {
    super.listen(socket);
    socket.onAny((event: string, payload: unknown) => {
      if (event.startsWith('live:')) this.live.emit('live', { event, payload });
    });
  }
}

/** A customer client that can join live rooms (see createClient for the options). */
export function createLiveClient(options: ClientOptions): LiveCustomerClient {
  return new LiveCustomerClient(options);
}
