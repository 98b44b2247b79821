/** What other modules use of the bot: routing asks it first, and queues what it hands off; calls ask for a person. */

export { botAssistWhileQueued } from './assist.js';
export { type BotHandoff, onBotHandoff } from './events.js';
export { handOffRequested } from './hand-off-requested.js';
export { botRoutes } from './routes.js';
export { botFirst } from './take-turn.js';
