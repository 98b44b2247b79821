/** Bumped on any breaking change to REST, socket events or payloads. See docs/protocol.md. */
export const PROTOCOL_VERSION = '1.0';
