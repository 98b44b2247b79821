/*
 * postMessage contract between the loader (`/widget.js`, on the host page) and the widget app (the iframe at
 * `/widget/frame`, served from the Warmdesk origin). Every message is a plain object with `type` starting
 * `warmdesk:`. The loader posts only to the Warmdesk origin and accepts only messages whose `source` is its iframe
 * and whose origin is the Warmdesk origin; the app posts only to the host origin it was given in `init` (checked
 * against `document.referrer`/`location.ancestorOrigins`), and accepts only messages from `window.parent`.
 * Types only: no code here, so the loader's bundle stays tiny.
 */

import type { WidgetConfig } from '@warmdesk/protocol';

export type BridgePageView = { url: string; title: string; at: string };

export type BridgePageContext = {
  url: string;
  title: string;
  referrer: string;
  utm: Partial<Record<'source' | 'medium' | 'campaign' | 'term' | 'content', string>>;
  userAgent: string;
  language: string;
  timezone: string;
  trail: BridgePageView[];
};

export type BridgeIdentity = { userId: string; name?: string; email?: string; phone?: string; hmac?: string };

/** Host page (loader) to widget app. */
export type HostToWidget =
  | {
      type: 'warmdesk:init';
      inboxKey: string;
      /** Origin of the host page, so the app knows where to post. */
      hostOrigin: string;
      /** Whether the panel is shown (false: loaded in the background to watch for replies). */
      open: boolean;
      context: BridgePageContext;
      /** Calls made on `window.Warmdesk` before the app was loaded, in order. */
      identity?: BridgeIdentity;
      attributes?: Record<string, string | number | boolean | null>;
      events?: { event: string; props: Record<string, string | number | boolean | null> }[];
      /** A proactive greeting that opened the widget. */
      greeting?: string;
      /** The config the loader already fetched: the app draws at once instead of asking again. */
      config?: WidgetConfig;
    }
  | { type: 'warmdesk:visibility'; open: boolean }
  | { type: 'warmdesk:identify'; identity: BridgeIdentity }
  | { type: 'warmdesk:attributes'; attributes: Record<string, string | number | boolean | null> }
  | { type: 'warmdesk:track'; event: string; props: Record<string, string | number | boolean | null> }
  | { type: 'warmdesk:context'; context: BridgePageContext }
  | { type: 'warmdesk:greeting'; message: string };

/** Widget app to host page (loader). */
export type WidgetToHost =
  /** The app is loaded and listening; the loader answers with `init`. */
  | { type: 'warmdesk:ready' }
  /** The customer closed the panel from inside (close button, Escape). */
  | { type: 'warmdesk:close' }
  /** Unread agent or bot messages while the panel is closed or the page hidden. */
  | { type: 'warmdesk:unread'; count: number }
  /** A new message from the team (for `Warmdesk.on('message')`, the badge and the title flash). */
  | { type: 'warmdesk:message'; message: { id: string; content: string; senderName: string | null } }
  /** The customer has a conversation now: later page loads load the app in the background. */
  | { type: 'warmdesk:active' };
