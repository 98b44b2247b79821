/*
 * `/widget.js`: the snippet sites embed, downloaded by every visitor of every page (budget: 3 KB gzipped; no
 * dependencies). It installs `window.Warmdesk`, draws the launcher, records the page trail and arms the proactive
 * rules. The rest (panel, iframe, bridge) is `/widget/host.js`, loaded only when the iframe is needed.
 */
import type { WidgetConfig } from '@warmdesk/protocol';
import { installApi } from './api.js';
import { core, start } from './core.js';
import { findLoaderScript } from './script.js';

const script = findLoaderScript();
if (!script) console.warn('Warmdesk: no data-inbox on the widget.js script');
else if (installApi(core)) {
  fetch(`${script.origin}/api/v1/widget/config?inboxKey=${encodeURIComponent(script.inboxKey)}`)
    .then((r): Promise<WidgetConfig> => (r.ok ? r.json() : Promise.reject(r.status)))
    .then(
      (config) => {
        if (document.body) start(script, config);
        else addEventListener('DOMContentLoaded', () => start(script, config));
      },
      (status) =>
        console.warn(`Warmdesk: widget off (${status === 403 ? `${location.origin} is not allowed` : status})`),
    );
}
