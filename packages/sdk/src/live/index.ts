export { CHAT_LOG_LIMIT, countdown, mergeChat, secondsUntil, visibleToViewer } from './chat-log.js';
export { asChat, asRoom, asYou } from './guards.js';
export {
  createLiveClient,
  LiveCustomerClient,
  type LiveEmitEvent,
  type LiveEmitPayload,
  type LiveEmitResult,
  type LiveRelayEvent,
} from './live-client.js';
export { iceGatheringComplete, MediaLink, type MediaLinkOptions, type MediaLinkSetup } from './media-link.js';
export {
  type LiveClient,
  type LiveMediaState,
  LiveViewerClient,
  type LiveViewerEvents,
  type LiveViewerOptions,
  type LiveViewerView,
} from './viewer-client.js';
