import type { RegisterRoutes } from '../../platform/http/routes.js';
import { botStepsBackForPeople } from './assist.js';
import { botFeedbackRoutes } from './feedback-routes.js';
import { kbFileRoutes } from './kb-file-routes.js';
import { kbRoutes } from './kb-routes.js';

const listening = new WeakSet<object>();

/**
 * The knowledge-base bot: its knowledge base (agents), and the customer's feedback on its answers. Also, once
 * per context, the listeners by which the bot steps back when a person takes over.
 */
export const botRoutes: RegisterRoutes = (app, ctx) => {
  if (!listening.has(ctx)) {
    listening.add(ctx);
    botStepsBackForPeople(ctx);
  }
  kbRoutes(app, ctx);
  kbFileRoutes(app, ctx);
  botFeedbackRoutes(app, ctx);
};
