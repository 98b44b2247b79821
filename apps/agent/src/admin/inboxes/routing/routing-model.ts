import type { RoutingSettings } from '@warmdesk/protocol';
import { ROUTING_DEFAULTS } from '@warmdesk/protocol/constants';

export const POLICIES = ['manual', 'round_robin', 'least_load'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The routing settings kept in an inbox's `config.routing`, with defaults for what is missing. */
export function routingSettingsOf(config: Record<string, unknown>): RoutingSettings {
  const raw = isRecord(config.routing) ? (config.routing as Partial<RoutingSettings>) : {};
  return {
    ...ROUTING_DEFAULTS,
    ...raw,
    overflow: { ...ROUTING_DEFAULTS.overflow, ...(isRecord(raw.overflow) ? raw.overflow : {}) },
  };
}

/** The choices of the inbox's pre-chat topic fields (widget settings), for topic rules. */
export function preChatTopicsOf(config: Record<string, unknown>): string[] {
  const widget = isRecord(config.widget) ? config.widget : {};
  const preChat = isRecord(widget.preChat) ? widget.preChat : {};
  const fields = Array.isArray(preChat.fields) ? preChat.fields : [];
  const topics = fields.flatMap((f: unknown) =>
    isRecord(f) && f.type === 'topic' && Array.isArray(f.options) ? f.options.map(String) : [],
  );
  return [...new Set(topics.filter(Boolean))];
}

/** RoutingSettings as the form edits them: no spill team is "nothing chosen" (a Select shows its placeholder). */
export type RoutingFormValues = Omit<RoutingSettings, 'overflow'> & {
  overflow: Omit<RoutingSettings['overflow'], 'spillTeamId'> & { spillTeamId?: string | null };
};

export function toRoutingForm(s: RoutingSettings): RoutingFormValues {
  return { ...s, overflow: { ...s.overflow, spillTeamId: s.overflow.spillTeamId ?? undefined } };
}

const trimmed = (s: string | undefined | null) => (s ?? '').trim();
/** An empty number field (antd gives null or undefined) means "no limit". */
const orNull = (n: number | null | undefined) => (typeof n === 'number' ? n : null);

/** The form's values as RoutingSettings to save (text trimmed, empty rule rows dropped). */
export function fromRoutingForm(v: RoutingFormValues): RoutingSettings {
  return {
    policy: v.policy,
    sticky: Boolean(v.sticky),
    vipFirst: Boolean(v.vipFirst),
    teamIds: v.teamIds ?? [],
    topicRules: (v.topicRules ?? [])
      .map((r) => ({ topic: trimmed(r.topic), teamId: r.teamId }))
      .filter((r) => r.topic && r.teamId),
    entryRules: (v.entryRules ?? [])
      .map((r) => ({ urlContains: trimmed(r.urlContains), teamId: r.teamId }))
      .filter((r) => r.urlContains && r.teamId),
    agentCapacity: orNull(v.agentCapacity),
    onAgentOffline: v.onAgentOffline,
    offlineReply: trimmed(v.offlineReply),
    overflow: {
      enabled: Boolean(v.overflow.enabled),
      maxQueueLength: orNull(v.overflow.maxQueueLength),
      maxWaitSeconds: orNull(v.overflow.maxWaitSeconds),
      offerMessage: Boolean(v.overflow.offerMessage),
      offerCallback: Boolean(v.overflow.offerCallback),
      offerBot: Boolean(v.overflow.offerBot),
      spillTeamId: v.overflow.spillTeamId ?? null,
    },
  };
}
