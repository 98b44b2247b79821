import type { CallSettings } from '@warmdesk/protocol';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** zCallSettings' defaults (the server applies the same when `config.calls` is missing). */
export const CALL_DEFAULTS: CallSettings = { voice: true, video: true, recording: false, recordingRetentionDays: 30 };
export const RETENTION_LIMITS = { min: 1, max: 3650 } as const;

/** The call settings kept in an inbox's `config.calls`, with defaults for what is missing. */
export function callSettingsOf(config: Record<string, unknown>): CallSettings {
  const raw = isRecord(config.calls) ? config.calls : {};
  const bool = (key: keyof CallSettings) =>
    typeof raw[key] === 'boolean' ? (raw[key] as boolean) : (CALL_DEFAULTS[key] as boolean);
  return {
    voice: bool('voice'),
    video: bool('video'),
    recording: bool('recording'),
    recordingRetentionDays:
      typeof raw.recordingRetentionDays === 'number'
        ? raw.recordingRetentionDays
        : CALL_DEFAULTS.recordingRetentionDays,
  };
}

/** The form's values as the settings to save. */
export function fromCallsForm(v: CallSettings): CallSettings {
  return {
    voice: Boolean(v.voice),
    video: Boolean(v.video),
    recording: Boolean(v.recording),
    recordingRetentionDays:
      typeof v.recordingRetentionDays === 'number' ? v.recordingRetentionDays : CALL_DEFAULTS.recordingRetentionDays,
  };
}
