// Node resolve hook: our own workspace packages resolve to their TypeScript sources (the `source` export
// condition), so the server never runs a stale build of @warmdesk/protocol.
export async function resolve(specifier, context, nextResolve) {
  if (specifier.startsWith('@warmdesk/')) {
    return nextResolve(specifier, { ...context, conditions: [...context.conditions, 'source'] });
  }
  return nextResolve(specifier, context);
}
