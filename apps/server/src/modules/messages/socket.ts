import { zReadPayload, zSendPayload, zSyncPayload, zTypingPayload } from '@warmdesk/protocol';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { handle } from '../../platform/realtime/handle.js';
import { type IoSocket, type Realtime, rooms } from '../../platform/realtime/types.js';
import { ConversationAccess } from '../conversations/access.js';
import { agentRoomsFor } from './fan-out.js';
import { markRead } from './mark-read.js';
import { messagePage } from './queries.js';
import { sendMessage } from './send-message.js';

/** Socket events of the messaging protocol (docs/protocol.md); fan-out of committed events is in fan-out.ts. */
export function messagingSocket(rt: Realtime, ctx: AppContext): void {
  const access = new ConversationAccess(ctx.db.pool);

  const register = (socket: IoSocket) => {
    const p = socket.data.principal;
    const isAgent = p.kind === 'agent';

    socket.on(
      'message:send',
      handle(
        ctx,
        socket,
        zSendPayload,
        async (m) => {
          if (m.private && !isAgent) throw new AppError('forbidden', 'customers cannot write private notes');
          const end = ctx.metrics.sendLatency.startTimer();
          const message = await sendMessage(ctx, {
            accountId: p.accountId,
            conversationId: m.conversationId,
            customerInboxId: p.kind === 'customer' ? p.inboxId : undefined,
            senderType: isAgent ? 'user' : 'contact',
            senderId: isAgent ? p.userId : p.contactId,
            senderName: isAgent ? p.name : null,
            clientMsgId: m.clientMsgId,
            kind: m.private ? 'note' : 'text',
            content: m.content,
            private: m.private ?? false,
            mentions: m.mentions,
          });
          end();
          ctx.metrics.messagesStored.inc({ sender: isAgent ? 'user' : 'contact' });
          return { message };
        },
        { orderBy: (m) => m.conversationId },
      ),
    );

    socket.on(
      'conversation:sync',
      handle(ctx, socket, zSyncPayload, async (q) => {
        await access.assert(p, q.conversationId);
        return messagePage(ctx.db.pool, {
          accountId: p.accountId,
          conversationId: q.conversationId,
          afterSeq: q.afterSeq,
          limit: q.limit ?? 100,
          includePrivate: isAgent,
        });
      }),
    );

    socket.on(
      'typing',
      handle(
        ctx,
        socket,
        zTypingPayload,
        async (t) => {
          const owner = await access.assert(p, t.conversationId);
          const event = {
            conversationId: t.conversationId,
            typing: t.typing,
            sender: isAgent
              ? { type: 'user' as const, id: p.userId, name: p.name }
              : { type: 'contact' as const, id: p.contactId, name: null },
          };
          if (isAgent) {
            rt.customers.to(rooms.customer(owner.contactId, owner.inboxId)).volatile.emit('typing', event);
            socket.to(agentRoomsFor(p.accountId, t.conversationId)).volatile.emit('typing', event);
          } else {
            rt.agents.to(agentRoomsFor(p.accountId, t.conversationId)).volatile.emit('typing', event);
          }
          return {};
        },
        { cost: 0.25 },
      ),
    );

    socket.on(
      'read',
      handle(ctx, socket, zReadPayload, async (r) => {
        await markRead(ctx, {
          accountId: p.accountId,
          conversationId: r.conversationId,
          readerType: isAgent ? 'user' : 'contact',
          readerId: isAgent ? p.userId : p.contactId,
          seq: r.seq,
          customerInboxId: p.kind === 'customer' ? p.inboxId : undefined,
        });
        return {};
      }),
    );
  };

  rt.customers.on('connection', register);
  rt.agents.on('connection', register);
}
