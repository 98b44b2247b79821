import { zIdParams } from '@warmdesk/protocol';
import QRCode from 'qrcode';
import { agentOf } from '../../platform/http/policy.js';
import { agentRole, type RegisterRoutes } from '../../platform/http/routes.js';
import { shareUrlOf } from './presenter.js';
import { roomOfAgent } from './room-view.js';

const tags = ['live'];
const QR = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** The room's share link as a QR code, to post in groups, mini-programs or on a site. */
export const qrRoutes: RegisterRoutes = (app, ctx) => {
  app.get(
    '/api/v1/live/rooms/:id/qr.png',
    { config: { policy: agentRole }, schema: { tags, params: zIdParams, description: 'PNG, 512 px.' } },
    async (req, reply) => {
      const room = await roomOfAgent(ctx, agentOf(req), req.params.id);
      const png = await QRCode.toBuffer(shareUrlOf(room, ctx.config.publicUrl), { ...QR, type: 'png', width: 512 });
      return reply
        .type('image/png')
        .header('content-disposition', `inline; filename="live-${room.slug}.png"`)
        .header('cache-control', 'private, max-age=300')
        .send(png);
    },
  );

  app.get(
    '/api/v1/live/rooms/:id/qr.svg',
    { config: { policy: agentRole }, schema: { tags, params: zIdParams, description: 'SVG.' } },
    async (req, reply) => {
      const room = await roomOfAgent(ctx, agentOf(req), req.params.id);
      const svg = await QRCode.toString(shareUrlOf(room, ctx.config.publicUrl), { ...QR, type: 'svg' });
      return reply
        .type('image/svg+xml')
        .header('content-disposition', `inline; filename="live-${room.slug}.svg"`)
        .header('cache-control', 'private, max-age=300')
        .send(svg);
    },
  );
};
