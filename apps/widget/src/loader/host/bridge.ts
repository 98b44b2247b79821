import type { HostToWidget, WidgetToHost } from '../../bridge.js';

/**
 * Creates the app's iframe in `panel` and returns the function posting to it, only ever to the Warmdesk origin.
 * Passes on only messages from that iframe and that origin that look like bridge messages (the receiver checks
 * each type's fields).
 */
export function openBridge(
  panel: HTMLElement,
  origin: string,
  inboxKey: string,
  title: string,
  receive: (message: WidgetToHost) => void,
): [HTMLIFrameElement, (message: HostToWidget) => void] {
  const frame = document.createElement('iframe');
  frame.title = title;
  // calls: the widget asks for the camera, the microphone and the screen only when the customer starts or answers one
  frame.allow = 'autoplay; clipboard-write; camera; microphone; display-capture';
  frame.src = `${origin}/widget/frame?inbox=${encodeURIComponent(inboxKey)}`;
  panel.appendChild(frame);
  addEventListener('message', (e) => {
    const data: unknown = e.data;
    if (e.source !== frame.contentWindow || e.origin !== origin) return;
    if (data && typeof (data as WidgetToHost).type === 'string') receive(data as WidgetToHost);
  });
  return [frame, (message) => frame.contentWindow?.postMessage(message, origin)];
}
