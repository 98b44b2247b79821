/** The inbox key and the Warmdesk origin, read from the loader's own `<script>` tag. */
export type LoaderScript = { inboxKey: string; origin: string };

const LOADER_SRC = /\/widget\.js([?#]|$)/;

export function findLoaderScript(): LoaderScript | undefined {
  const current = document.currentScript;
  const script =
    current instanceof HTMLScriptElement && current.src
      ? current
      : Array.from(document.scripts).find((s) => s.dataset.inbox && LOADER_SRC.test(s.src));
  const inboxKey = script?.dataset.inbox;
  if (!script || !inboxKey) return undefined;
  return { inboxKey, origin: new URL(script.src).origin };
}
