import { useEffect, useState } from 'preact/hooks';
import type { WidgetState, WidgetStore } from './store.js';

/** The store's current state; the component re-renders on every change. */
export function useStore(store: WidgetStore): WidgetState {
  const [state, setState] = useState(store.state);
  useEffect(() => {
    // Effects run after the first paint: catch up on changes made in between (the config from `init`).
    setState(store.state);
    return store.subscribe(setState);
  }, [store]);
  return state;
}
