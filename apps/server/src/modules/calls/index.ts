/** What other modules use of calls: routes, the socket module, and a call of a conversation for uploads. */

export type { CallRow } from './presenter.js';
export { findCall } from './queries.js';
export { deleteExpiredRecordings } from './recording-retention.js';
export { callRoutes } from './routes.js';
export { callSettingsOf, inboxCallSettings } from './settings.js';
export { callsSocket } from './socket.js';
export { recordCallEvent } from './timeline.js';
