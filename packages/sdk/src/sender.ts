import type { Message } from '@warmdesk/protocol';
import { uuidv7 } from '@warmdesk/protocol/uuid';
import { backoffDelay } from './backoff.js';
import type { Connection } from './connection.js';
import { errorFromBody, isPermanentSendError, isRecord, toWarmdeskError, WarmdeskError } from './errors.js';
import { isMessage } from './guards.js';
import { MESSAGE_MAX_CHARS } from './limits.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import type { Deferred } from './types.js';

type SendOutcome =
  | { kind: 'ok'; message: Message }
  | { kind: 'fail'; error: WarmdeskError }
  | { kind: 'retry'; error: WarmdeskError };

/** Server (`internal`) errors on one message after which it is given up instead of blocking the outbox forever. */
const MAX_SERVER_ERRORS_PER_MESSAGE = 5;

export interface OutboxSenderOptions {
  outbox: Outbox;
  connection: Connection;
  ackTimeoutMs: number;
  /** The server stored the message. */
  onAcked: (message: Message) => void;
  report: (error: unknown) => void;
}

/** Queues messages in the outbox and sends them over the socket, oldest first, until each is acknowledged. */
export class OutboxSender {
  private readonly pendingSends = new Map<string, Deferred<Message>>();
  private flushing = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private readonly serverErrors = new Map<string, number>();

  constructor(private readonly options: OutboxSenderOptions) {}

  /** Validates and queues a message; resolves once the server acknowledged it, rejects on a permanent error. */
  async send(conversationId: string, text: string): Promise<Message> {
    if (typeof text !== 'string' || text.trim().length === 0) {
      throw new WarmdeskError('validation_failed', 'content is empty', { conversationId });
    }
    if (text.length > MESSAGE_MAX_CHARS) {
      throw new WarmdeskError('validation_failed', `content is longer than ${MESSAGE_MAX_CHARS} characters`, {
        conversationId,
      });
    }
    const entry: OutboxEntry = {
      clientMsgId: uuidv7(),
      conversationId,
      content: text,
      createdAt: new Date().toISOString(),
    };
    const acked = new Promise<Message>((resolve, reject) =>
      this.pendingSends.set(entry.clientMsgId, { resolve, reject }),
    );
    try {
      await this.options.outbox.add(entry);
    } catch (error) {
      // Not durable, but still queued in memory: send it anyway.
      this.options.report(error);
    }
    void this.flush();
    return acked;
  }

  /** Flushes now (after a (re)connect), skipping any backoff in progress. */
  resume(): void {
    this.pause();
    void this.flush();
  }

  /** Cancels a scheduled retry; the next resume() or send() starts flushing again. */
  pause(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Rejects every awaited send with `closed`; the messages stay in the stored outbox. */
  rejectPending(): void {
    for (const [clientMsgId, pending] of this.pendingSends) {
      pending.reject(
        new WarmdeskError('closed', 'the client was closed; the message stays in the outbox', { clientMsgId }),
      );
    }
    this.pendingSends.clear();
  }

  /** Sends the outbox one message at a time, oldest first, so each conversation keeps its order. */
  private async flush(): Promise<void> {
    if (this.flushing) return; // The running loop picks up whatever was added.
    this.flushing = true;
    const { outbox, connection } = this.options;
    try {
      await outbox.load();
      for (;;) {
        if (!connection.isConnected() || this.retryTimer) return;
        await outbox.settled();
        const entry = outbox.first();
        if (!entry) return;
        const outcome = await this.sendOne(entry);
        if (outcome.kind === 'retry') {
          const delay = backoffDelay(this.attempt++, { baseMs: 500, maxMs: 10_000 });
          this.retryTimer = setTimeout(() => {
            this.retryTimer = null;
            void this.flush();
          }, delay);
          return;
        }
        this.attempt = 0;
        this.serverErrors.delete(entry.clientMsgId);
        await outbox.remove(entry.clientMsgId).catch((error: unknown) => this.options.report(error));
        const pending = this.pendingSends.get(entry.clientMsgId);
        this.pendingSends.delete(entry.clientMsgId);
        if (outcome.kind === 'ok') {
          this.options.onAcked(outcome.message);
          pending?.resolve(outcome.message);
        } else if (pending) {
          pending.reject(outcome.error);
        } else {
          // Sent by an earlier page or client: nobody awaits it, so say it here.
          this.options.report(outcome.error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async sendOne(entry: OutboxEntry): Promise<SendOutcome> {
    const context = { conversationId: entry.conversationId, clientMsgId: entry.clientMsgId };
    const socket = this.options.connection.socket;
    if (!socket) return { kind: 'retry', error: new WarmdeskError('disconnected', 'not connected', context) };
    let res: unknown;
    try {
      res = await socket.timeout(this.options.ackTimeoutMs).emitWithAck('message:send', {
        conversationId: entry.conversationId,
        clientMsgId: entry.clientMsgId,
        content: entry.content,
      });
    } catch (error) {
      return { kind: 'retry', error: toWarmdeskError(error, context) };
    }
    if (isRecord(res) && res.ok === true && isMessage(res.message)) return { kind: 'ok', message: res.message };
    const base =
      isRecord(res) && res.ok === false
        ? errorFromBody(res, { message: 'message:send failed' })
        : new WarmdeskError('protocol', 'unexpected message:send acknowledgement');
    const error = new WarmdeskError(base.code, base.message, { ...context, details: base.details });
    if (isPermanentSendError(error.code)) return { kind: 'fail', error };
    if (error.code === 'internal') {
      const count = (this.serverErrors.get(entry.clientMsgId) ?? 0) + 1;
      this.serverErrors.set(entry.clientMsgId, count);
      if (count >= MAX_SERVER_ERRORS_PER_MESSAGE) return { kind: 'fail', error };
    }
    return { kind: 'retry', error };
  }
}
