/** Web storage that may be missing or throw (privacy modes, sandboxed pages, full quota): failures are ignored. */
type Store = 'localStorage' | 'sessionStorage';

export function readStore(store: Store, key: string): string | null {
  try {
    return window[store].getItem(key);
  } catch {
    return null;
  }
}

export function writeStore(store: Store, key: string, value: string): void {
  try {
    window[store].setItem(key, value);
  } catch {
    // unavailable: the feature that needed it degrades
  }
}
