/** Major: bumped on a breaking change to REST, socket events or payloads; minor: additions. See docs/protocol.md. */
export const PROTOCOL_VERSION = '1.6';
