/**
 * Small per-inbox preferences of this browser (language, pre-chat answered), in the widget origin's storage;
 * `tab`: this tab's only (sessionStorage), like the call marker ./call writes while the tab is in a call.
 */
export function readPref(inboxKey: string, name: string, tab?: boolean): string | null {
  try {
    return (tab ? sessionStorage : localStorage).getItem(`warmdesk:${inboxKey}:${name}`);
  } catch {
    return null;
  }
}

export function writePref(inboxKey: string, name: string, value: string): void {
  try {
    localStorage.setItem(`warmdesk:${inboxKey}:${name}`, value);
  } catch {
    // Storage blocked (private mode, third-party iframe rules): the preference lasts this page only.
  }
}
