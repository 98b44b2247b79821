/** What other modules use of the bot: routing asks it first, and queues what it hands off. */

export { botAssistWhileQueued } from './assist.js';
export { type BotHandoff, onBotHandoff } from './events.js';
export { botRoutes } from './routes.js';
export { botFirst } from './take-turn.js';
