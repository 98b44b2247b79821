import type { LiveChatMessage, LiveRoomPublic, LiveYouEvent } from '@warmdesk/protocol';

/*
 * Checks of what the server pushes about live rooms, hand-written like ../calls/guards.ts (zod would weigh more
 * than the whole viewer page); each checks the fields the live layer and the viewer page read.
 */
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string';
const strOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
const bool = (v: unknown): v is boolean => typeof v === 'boolean';
const isState = (v: unknown) => v === 'scheduled' || v === 'live' || v === 'ended';

export function asRoom(v: unknown): LiveRoomPublic | null {
  const ok =
    isRecord(v) &&
    str(v.id) &&
    str(v.slug) &&
    str(v.title) &&
    str(v.inboxKey) &&
    isState(v.state) &&
    bool(v.publishing) &&
    typeof v.slowModeSeconds === 'number' &&
    strOrNull(v.announcement) &&
    strOrNull(v.scheduledAt) &&
    strOrNull(v.replayUrl) &&
    isRecord(v.host) &&
    str(v.host.name) &&
    Array.isArray(v.cards) &&
    v.cards.every((c) => isRecord(c) && str(c.id) && str(c.title) && str(c.linkUrl));
  return ok ? (v as LiveRoomPublic) : null;
}

export function asChat(v: unknown): LiveChatMessage | null {
  const ok =
    isRecord(v) &&
    str(v.id) &&
    str(v.roomId) &&
    typeof v.seq === 'number' &&
    str(v.body) &&
    isRecord(v.sender) &&
    str(v.sender.name) &&
    str(v.sender.type) &&
    bool(v.deleted) &&
    bool(v.question) &&
    strOrNull(v.toContactId);
  return ok ? (v as LiveChatMessage) : null;
}

export function asYou(v: unknown): LiveYouEvent | null {
  return isRecord(v) && str(v.roomId) ? (v as LiveYouEvent) : null;
}
