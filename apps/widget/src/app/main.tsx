import type { WidgetConfig } from '@warmdesk/protocol';
import { render } from 'preact';
import type { HostToWidget } from '../bridge.js';
import { App } from './app.js';
import { HostLink } from './host-link.js';
import { WidgetStore } from './store.js';
import './styles.css';

/*
 * The widget app inside the iframe at /widget/frame?inbox=KEY. Embedded, it waits for the loader's `init`;
 * opened directly (a full page, e.g. from a phone link), it starts by itself and is always open.
 */
const inboxKey = new URLSearchParams(location.search).get('inbox') ?? '';
const root = document.getElementById('app');

let store: WidgetStore | null = null;
const link = new HostLink((message) => handle(message));

function handle(message: HostToWidget): void {
  if (message.type === 'warmdesk:init') {
    if (store) return;
    store = createStore(message.config);
    store.setOpen(message.open);
    void store.start(message);
    return;
  }
  if (!store) return;
  switch (message.type) {
    case 'warmdesk:visibility':
      store.setOpen(message.open);
      break;
    case 'warmdesk:identify':
      void store.identify(message.identity);
      break;
    case 'warmdesk:attributes':
      store.setAttributes(message.attributes);
      break;
    case 'warmdesk:track':
      store.track(message.event, message.props);
      break;
    case 'warmdesk:context':
      store.updateContext(message.context);
      break;
    case 'warmdesk:greeting':
      store.showGreeting(message.message);
      break;
  }
}

/** The store, and the app drawn on it; with the loader's config the first paint is the real panel. */
function createStore(config?: WidgetConfig): WidgetStore {
  const created = new WidgetStore(inboxKey, (event, data) => {
    if (event === 'active') link.post({ type: 'warmdesk:active' });
    if (event === 'unread') link.post({ type: 'warmdesk:unread', count: data?.count ?? 0 });
    if (event === 'message' && data?.message)
      link.post({
        type: 'warmdesk:message',
        message: { id: data.message.id, content: data.message.content, senderName: data.message.sender.name },
      });
  });
  if (config) created.applyConfig(config);
  document.addEventListener('visibilitychange', () => created.visibilityChanged());
  if (root)
    render(<App store={created} onClose={link.embedded ? () => link.post({ type: 'warmdesk:close' }) : null} />, root);
  return created;
}

if (link.embedded) link.ready();
else {
  store = createStore();
  store.setOpen(true);
  void store.start(null);
}
