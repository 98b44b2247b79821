import type { BridgePageContext } from '../../bridge.js';
import { pageTitle, pageUrl, readTrail } from '../trail.js';

/** What the widget tells the team about the visitor's page (docs/widget.md, "Privacy"). */
export function pageContext(): BridgePageContext {
  const utm: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(location.search)) {
    if (/^utm_(source|medium|campaign|term|content)$/.test(k)) utm[k.slice(4)] = v.slice(0, 200);
  }
  return {
    url: pageUrl(),
    title: pageTitle(),
    referrer: document.referrer.slice(0, 2000),
    utm,
    userAgent: navigator.userAgent.slice(0, 500),
    language: navigator.language,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || '',
    trail: readTrail(),
  };
}
