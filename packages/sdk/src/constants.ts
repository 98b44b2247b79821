/**
 * The few protocol constants the SDK needs at runtime.
 *
 * They are copied rather than imported because `@warmdesk/protocol`'s entry point also builds its zod schemas,
 * which would put all of zod (~450 kB minified) into every widget bundle. Each copy is typed with the protocol's
 * own literal type (a type-only import, erased at build time), so `tsc` fails if the protocol changes a value.
 */
import type { CUSTOMER_SESSION_HEADER, limits, NAMESPACES, PROTOCOL_VERSION } from '@warmdesk/protocol';

export const CUSTOMER_NAMESPACE: (typeof NAMESPACES)['customer'] = '/customer';
export const SESSION_HEADER: typeof CUSTOMER_SESSION_HEADER = 'x-warmdesk-session';
export const SDK_PROTOCOL_VERSION: typeof PROTOCOL_VERSION = '1.0';
export const MESSAGE_MAX_CHARS: (typeof limits)['messageContentMaxChars'] = 10_000;
export const SYNC_PAGE_MAX: (typeof limits)['syncPageMax'] = 200;
