import type { AppContext } from '../../platform/context.js';
import { type Realtime, rooms } from '../../platform/realtime/types.js';
import { onNotificationCreated } from './events.js';

/** A committed notification goes to its recipient's sockets only. */
export function notificationFanOut(rt: Realtime, ctx: AppContext): void {
  onNotificationCreated(ctx.bus, ({ userId, notification }) => {
    rt.agents.to(rooms.user(userId)).emit('notification:new', notification);
  });
}
