import type { RegisterRoutes } from '../../platform/http/routes.js';
import { botFeedbackRoutes } from './feedback-routes.js';
import { kbFileRoutes } from './kb-file-routes.js';
import { kbRoutes } from './kb-routes.js';

/** The knowledge-base bot: its knowledge base (agents), and the customer's feedback on its answers. */
export const botRoutes: RegisterRoutes = (app, ctx) => {
  kbRoutes(app, ctx);
  kbFileRoutes(app, ctx);
  botFeedbackRoutes(app, ctx);
};
