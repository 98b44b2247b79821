/** Zod-free constants, importable by browser bundles as `@warmdesk/protocol/constants`. */
export { BOT_DEFAULTS } from './bot-defaults.js';
export { ROUTING_DEFAULTS } from './routing-defaults.js';
export { PROTOCOL_VERSION } from './version.js';

/** Socket.IO namespaces. Auth travels in the handshake `auth` payload, never in the URL. */
export const NAMESPACES = { customer: '/customer', agent: '/agent' } as const;

/** Header that carries the customer's session token on REST calls (never in URLs). */
export const CUSTOMER_SESSION_HEADER = 'x-warmdesk-session';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'wd_session';
