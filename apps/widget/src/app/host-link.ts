import type { HostToWidget, WidgetToHost } from '../bridge.js';

const TYPES = new Set(['init', 'visibility', 'identify', 'attributes', 'track', 'context', 'greeting']);

const isHostMessage = (data: unknown): data is HostToWidget =>
  typeof data === 'object' &&
  data !== null &&
  typeof (data as { type?: unknown }).type === 'string' &&
  TYPES.has((data as { type: string }).type.replace(/^warmdesk:/, '')) &&
  (data as { type: string }).type.startsWith('warmdesk:');

/**
 * The iframe's side of the bridge. It listens only to its parent window; the origin of the parent's `init`
 * (given by the browser, not by the message) becomes the only origin it posts to afterwards.
 */
export class HostLink {
  private hostOrigin: string | null = null;

  constructor(onMessage: (message: HostToWidget) => void) {
    window.addEventListener('message', (event) => {
      if (window.parent === window || event.source !== window.parent || !isHostMessage(event.data)) return;
      if (event.data.type === 'warmdesk:init') this.hostOrigin ??= event.origin;
      if (event.origin !== this.hostOrigin) return;
      onMessage(event.data);
    });
  }

  get embedded(): boolean {
    return window.parent !== window;
  }

  /** `ready` carries nothing, so it may go out before the host's origin is known. */
  ready(): void {
    if (this.embedded) window.parent.postMessage({ type: 'warmdesk:ready' } satisfies WidgetToHost, '*');
  }

  post(message: WidgetToHost): void {
    if (this.embedded && this.hostOrigin) window.parent.postMessage(message, this.hostOrigin);
  }
}
