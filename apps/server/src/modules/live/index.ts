/** What other modules use of live rooms: routes, the socket module, and the widget's "live now" list. */

export { liveNowOfInbox } from './live-now.js';
export { liveRoutes } from './routes.js';
export { liveSocket } from './socket.js';
