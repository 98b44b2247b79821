/**
 * Protocol limits the SDK checks at runtime.
 *
 * Copied rather than imported: `limits` is only exported by `@warmdesk/protocol`'s main entry, which also builds
 * the zod schemas and would put all of zod into every widget bundle. Each copy is typed with the protocol's own
 * literal type (a type-only import, erased at build time), so `tsc` fails if the protocol changes a value.
 */
import type { limits } from '@warmdesk/protocol';

export const MESSAGE_MAX_CHARS: (typeof limits)['messageContentMaxChars'] = 10_000;
export const SYNC_PAGE_MAX: (typeof limits)['syncPageMax'] = 200;
