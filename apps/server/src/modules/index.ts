import type { RegisterRoutes } from '../platform/http/routes.js';
import { accountRoutes } from './accounts/routes.js';
import { agentAppRoutes } from './agent-app/routes.js';
import { apiTokenRoutes } from './api-tokens/routes.js';
import { attachmentRoutes } from './attachments/routes.js';
import { auditRoutes } from './audit/routes.js';
import { authRoutes } from './auth/routes.js';
import { botRoutes } from './bots/index.js';
import { callRoutes } from './calls/index.js';
import { cannedResponseRoutes } from './canned-responses/routes.js';
import { contactRoutes } from './contacts/routes.js';
import { conversationRoutes } from './conversations/routes.js';
import { csatRoutes } from './csat/routes.js';
import { inboxRoutes } from './inboxes/routes.js';
import { labelRoutes } from './labels/routes.js';
import { liveRoutes } from './live/index.js';
import { messageRoutes } from './messages/routes.js';
import { notificationRoutes } from './notifications/routes.js';
import { queueRoutes } from './queue/routes.js';
import { routingRoutes } from './routing/routes.js';
import { systemRoutes } from './system/routes.js';
import { teamRoutes } from './teams/routes.js';
import { userRoutes } from './users/routes.js';
import { widgetRoutes } from './widget/routes.js';
import { widgetAssetRoutes } from './widget-assets/routes.js';

/** Every module's routes; each module owns its handlers, this is only the list. */
export const allRoutes: RegisterRoutes[] = [
  systemRoutes,
  authRoutes,
  userRoutes,
  teamRoutes,
  inboxRoutes,
  contactRoutes,
  conversationRoutes,
  messageRoutes,
  apiTokenRoutes,
  auditRoutes,
  widgetRoutes,
  queueRoutes,
  routingRoutes,
  widgetAssetRoutes,
  attachmentRoutes,
  csatRoutes,
  accountRoutes,
  cannedResponseRoutes,
  labelRoutes,
  notificationRoutes,
  agentAppRoutes,
  botRoutes,
  callRoutes,
  liveRoutes,
];
