import type { BridgeIdentity, HostToWidget, WidgetToHost } from '../../bridge.js';
import type { Attributes, Call, Core, Handler, WarmdeskApi, WarmdeskEvent } from '../api.js';
import { writeStore } from '../storage.js';
import { openBridge } from './bridge.js';
import { pageContext } from './context.js';
import { drawPanel } from './panel.js';
import { titleFlash } from './title-flash.js';

const MAX_QUEUED_EVENTS = 50;

/**
 * Keeps only values the bridge carries (a function would make postMessage throw). The type test matches exactly
 * string, number and boolean among `typeof`'s answers.
 */
function clean(values: unknown): Attributes {
  const out: Attributes = {};
  for (const [k, v] of Object.entries(values || {}))
    if (v === null || 'stringnumberboolean'.includes(typeof v)) out[k] = v;
  return out;
}

/**
 * Takes over from widget.js: draws the panel, creates the iframe (hidden until opened) and replays the calls made
 * so far. Until the app posts `warmdesk:ready`, identity, attributes, events and a greeting wait for `init`.
 */
export function attach(core: Core): void {
  const { inboxKey, origin, texts, launcher, root } = core;
  const handlers: { [event: string]: Handler[] } = {};
  const attributes: Attributes = {};
  let events: { event: string; props: Attributes }[] = [];
  let identity: BridgeIdentity | undefined;
  let greeting: string | undefined;
  let ready = false;
  let open = false;
  let unread = 0;

  const { panel, render } = drawPanel(core);
  const flashTitle = titleFlash(texts.unread);

  const emit = (event: WarmdeskEvent, payload?: unknown) => {
    for (const fn of handlers[event] || []) {
      try {
        (fn as (p: unknown) => void)(payload);
      } catch (err) {
        console.error(err);
      }
    }
  };
  /** Posts when the app is ready; false when the message must wait for `init`. */
  const send = (message: HostToWidget) => {
    if (ready) post(message);
    return ready;
  };

  function receive(m: WidgetToHost): void {
    if (m.type === 'warmdesk:ready') {
      ready = true;
      const context = pageContext();
      send({
        type: 'warmdesk:init',
        inboxKey,
        hostOrigin: location.origin,
        open,
        context,
        identity,
        attributes,
        events,
        greeting,
        config: core.config,
      });
      events = [];
      greeting = undefined;
    }
    if (m.type === 'warmdesk:close') setOpen(false);
    if (m.type === 'warmdesk:unread' && typeof m.count === 'number') {
      unread = Math.max(0, m.count | 0);
      render(open, unread);
      flashTitle(unread);
      emit('unread', unread);
    }
    if (m.type === 'warmdesk:message' && typeof m.message?.content === 'string') emit('message', m.message);
    if (m.type === 'warmdesk:active') writeStore('localStorage', `warmdesk:${inboxKey}:active`, '1');
  }

  const [frame, post] = openBridge(panel, origin, inboxKey, texts.chat, receive);

  /** `focus`: move focus into the panel (not for a proactive greeting: the visitor may be typing elsewhere). */
  function setOpen(next: boolean, focus = true): void {
    if (next === open) return;
    open = next;
    render(open, unread);
    send({ type: 'warmdesk:visibility', open });
    emit(open ? 'open' : 'close');
    if (open && focus) frame.focus();
    if (!open && root.host === document.activeElement) launcher.focus();
  }

  const api: WarmdeskApi & { greet: (message: string) => void; context: () => void } = {
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!open),
    identify: (who) => {
      if (!who?.userId) return console.warn('Warmdesk: identify needs a userId');
      const id: Record<string, string> = {};
      for (const k of ['userId', 'name', 'email', 'phone', 'hmac'] as const) if (who[k] != null) id[k] = `${who[k]}`;
      identity = id as BridgeIdentity;
      send({ type: 'warmdesk:identify', identity });
    },
    setAttributes: (values) => {
      const changed = clean(values);
      Object.assign(attributes, changed);
      send({ type: 'warmdesk:attributes', attributes: changed });
    },
    track: (event, props) => {
      const item = { event: `${event}`, props: clean(props) };
      if (event && !send({ type: 'warmdesk:track', ...item }) && events.length < MAX_QUEUED_EVENTS) events.push(item);
    },
    on: (event, fn) => {
      if (typeof fn === 'function') handlers[event] = [...(handlers[event] || []), fn as Handler];
    },
    off: (event, fn) => {
      handlers[event] = (handlers[event] || []).filter((h) => h !== fn);
    },
    greet: (message) => {
      if (!send({ type: 'warmdesk:greeting', message: `${message}` })) greeting = `${message}`;
      setOpen(true, false);
    },
    context: () => send({ type: 'warmdesk:context', context: pageContext() }),
  };

  addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && open && !e.defaultPrevented) setOpen(false);
  });
  const queued = core.queue.splice(0);
  core.run = (call: Call) => {
    const fn = (api as unknown as Record<string, unknown>)[`${call[0]}`];
    if (typeof fn === 'function') fn(...call.slice(1));
  };
  for (const call of queued) core.run(call);
}
