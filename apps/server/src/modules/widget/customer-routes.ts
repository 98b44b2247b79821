import {
  zConversation,
  zIdentifyBody,
  zIdentifyResult,
  zLeaveMessageBody,
  zMessage,
  zPageContext,
  zProfileBody,
  zSetAttributesBody,
  zTrackBody,
  zWidgetConfig,
  zWidgetConfigQuery,
} from '@warmdesk/protocol';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { customerOf } from '../../platform/http/policy.js';
import type { RegisterRoutes } from '../../platform/http/routes.js';
import { uploadPolicy } from '../attachments/upload-policy.js';
import { presentConversation } from '../conversations/presenter.js';
import { isWithinBusinessHours } from '../inboxes/business-hours.js';
import { liveNowOfInbox } from '../live/index.js';
import { identifyCustomer } from './identify.js';
import { leaveMessage } from './leave-message.js';
import { fillContactProfile } from './profile.js';
import { assertOriginAllowed } from './request-origin.js';
import { agentsOnline, updateSessionContext } from './session-context.js';
import { widgetInboxByKey } from './settings.js';

/** Attributes that change how a customer is served (VIPs go ahead in the queue): never from the customer. */
const AGENT_ONLY_ATTRIBUTES = new Set(['vip']);

const tags = ['widget (customer)'];
const ok = z.object({ ok: z.literal(true) });

/** What the widget needs beyond messaging: its config, who the customer is, where they are, offline messages. */
export const widgetCustomerRoutes: RegisterRoutes = (app, ctx) => {
  app.get(
    '/api/v1/widget/config',
    {
      config: { policy: 'public' },
      schema: { tags, querystring: zWidgetConfigQuery, response: { 200: zWidgetConfig } },
    },
    async (req) => {
      const inbox = await widgetInboxByKey(ctx.db.pool, req.query.inboxKey);
      if (!inbox) throw new AppError('not_found', 'unknown inbox key');
      assertOriginAllowed(req, inbox.settings);
      const { allowedOrigins: _private, ...settings } = inbox.settings;
      return {
        inboxName: inbox.name,
        settings,
        agentsOnline: await agentsOnline(ctx, inbox.accountId),
        open: isWithinBusinessHours(inbox.settings.businessHours),
        botFirst: inbox.botFirst,
        calls: inbox.calls,
        upload: uploadPolicy(ctx.config),
        liveNow: await liveNowOfInbox(ctx, inbox.accountId, inbox.id),
      };
    },
  );

  app.post(
    '/api/v1/widget/identify',
    {
      config: { policy: 'customer', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, body: zIdentifyBody, response: { 200: zIdentifyResult } },
    },
    async (req) => identifyCustomer(ctx, customerOf(req), req.body),
  );

  app.post(
    '/api/v1/widget/attributes',
    { config: { policy: 'customer' }, schema: { tags, body: zSetAttributesBody, response: { 200: ok } } },
    async (req) => {
      const c = customerOf(req);
      const reserved = Object.keys(req.body.attributes).filter((k) => AGENT_ONLY_ATTRIBUTES.has(k));
      if (reserved.length) {
        throw new AppError('validation_failed', `${reserved.join(', ')} can only be set by agents or the API`, {
          field: reserved[0],
        });
      }
      await ctx.db.pool.query(
        `UPDATE contacts SET attributes = attributes || $3::jsonb, updated_at = now()
          WHERE account_id = $1 AND id = $2 AND pg_column_size(attributes || $3::jsonb) <= 65536`,
        [c.accountId, c.contactId, JSON.stringify(req.body.attributes)],
      );
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/widget/profile',
    { config: { policy: 'customer' }, schema: { tags, body: zProfileBody, response: { 200: ok } } },
    async (req) => {
      await fillContactProfile(ctx, customerOf(req), req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/widget/context',
    { config: { policy: 'customer' }, schema: { tags, body: zPageContext, response: { 200: ok } } },
    async (req) => {
      await updateSessionContext(ctx, customerOf(req), req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/widget/events',
    {
      config: { policy: 'customer', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags, body: zTrackBody, response: { 200: ok } },
    },
    async (req) => {
      const c = customerOf(req);
      await ctx.db.pool.query('INSERT INTO events (account_id, type, payload) VALUES ($1, $2, $3)', [
        c.accountId,
        'contact.tracked',
        { contactId: c.contactId, inboxId: c.inboxId, event: req.body.event, props: req.body.props },
      ]);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/widget/offline-messages',
    {
      config: { policy: 'customer', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        body: zLeaveMessageBody,
        response: { 201: z.object({ conversation: zConversation, message: zMessage }) },
      },
    },
    async (req, reply) => {
      const { conversation, message } = await leaveMessage(ctx, customerOf(req), req.body);
      return reply.code(201).send({ conversation: presentConversation(conversation, 'customer'), message });
    },
  );
};
