/**
 * An inbox's routing settings when none are set: zod-free, for browser bundles via `@warmdesk/protocol/constants`.
 * `zRoutingSettings` (routing.ts) parses `{}` to exactly this (tested).
 */
export const ROUTING_DEFAULTS = {
  policy: 'least_load' as 'manual' | 'round_robin' | 'least_load',
  sticky: true,
  vipFirst: true,
  teamIds: [] as string[],
  topicRules: [] as { topic: string; teamId: string }[],
  entryRules: [] as { urlContains: string; teamId: string }[],
  agentCapacity: null as number | null,
  onAgentOffline: 'requeue' as 'keep' | 'requeue',
  offlineReply: '',
  overflow: {
    enabled: false,
    maxQueueLength: null as number | null,
    maxWaitSeconds: null as number | null,
    offerMessage: true,
    offerCallback: false,
    offerBot: false,
    spillTeamId: null as string | null,
  },
};
