import type { WidgetConfig } from '@warmdesk/protocol';
import type { BridgeIdentity } from '../bridge.js';
import type { Texts } from './i18n.js';

export type Attributes = Record<string, string | number | boolean | null>;
export type WarmdeskEvents = {
  open: undefined;
  close: undefined;
  message: { id: string; content: string; senderName: string | null };
  unread: number;
};
export type WarmdeskEvent = keyof WarmdeskEvents;
export type Handler<E extends WarmdeskEvent = WarmdeskEvent> = (payload: WarmdeskEvents[E]) => void;

/** `window.Warmdesk` (docs/widget.md). */
export type WarmdeskApi = {
  open: () => void;
  close: () => void;
  toggle: () => void;
  identify: (identity: BridgeIdentity) => void;
  setAttributes: (attributes: Attributes) => void;
  track: (event: string, props?: Attributes) => void;
  on: <E extends WarmdeskEvent>(event: E, fn: Handler<E>) => void;
  off: <E extends WarmdeskEvent>(event: E, fn: Handler<E>) => void;
};

/** A call on the API, `[method, ...args]`: the async snippet's queue entries have the same shape. */
export type Call = unknown[];

/**
 * What `widget.js` hands to `host.js` (the part loaded with the iframe), as `window.Warmdesk._wd`.
 * `run` takes every call; until host.js replaces it, calls wait in `queue`.
 */
export type Core = {
  run: (call: Call) => void;
  queue: Call[];
  inboxKey: string;
  origin: string;
  settings: WidgetConfig['settings'];
  /** The whole config, handed to the app so it draws without asking again. */
  config: WidgetConfig;
  texts: Texts;
  root: ShadowRoot;
  launcher: HTMLButtonElement;
};

const METHODS = ['open', 'close', 'toggle', 'identify', 'setAttributes', 'track', 'on', 'off'];

/**
 * Installs `window.Warmdesk`, replaying the calls the async snippet queued in `Warmdesk.q`. The snippet's object
 * is kept (pages may hold it), and `q.push` works on afterwards. False when a loader already runs on this page.
 */
export function installApi(core: Pick<Core, 'run'>): boolean {
  const w = window as unknown as { Warmdesk?: Record<string, unknown> };
  const target = w.Warmdesk || {};
  if (target._wd) return false;
  const queued = Array.isArray(target.q) ? target.q : [];
  for (const m of METHODS) target[m] = (...args: unknown[]) => core.run([m, ...args]);
  w.Warmdesk = Object.assign(target, { _wd: core, q: { push: (call: Call) => core.run(call) } });
  for (const call of queued) if (Array.isArray(call)) core.run(call);
  return true;
}
