import type { LiveCard, LiveChatMessage, LiveRoom, LiveRoomPublic, LiveRoomState, LiveStaff } from '@warmdesk/protocol';

export type RoomRow = {
  id: string;
  account_id: string;
  inbox_id: string;
  team_id: string | null;
  host_user_id: string;
  co_host_user_ids: string[];
  slug: string;
  origin: string;
  title: string;
  description: string;
  cover_url: string | null;
  scheduled_at: Date | null;
  state: LiveRoomState;
  started_at: Date | null;
  ended_at: Date | null;
  announcement: string | null;
  slow_mode_seconds: number;
  bitrate_cap_kbps: number;
  recording: boolean;
  publishing: boolean;
  replay_file_id: string | null;
  replay_content_type: string | null;
  last_seq: number;
  peak_viewers: number;
  final_stats: Record<string, unknown> | null;
  created_at: Date;
  /** Joined: the inbox's widget key and the host's name. */
  inbox_key: string;
  host_name: string;
};

export type CardRow = {
  id: string;
  room_id: string;
  title: string;
  price: string | null;
  image_url: string | null;
  link_url: string;
  pinned: boolean;
  created_at: Date;
  /** Joined: viewers who clicked it. */
  clicks: number;
};

export type LiveMessageRow = {
  id: string;
  room_id: string;
  seq: number;
  sender_type: 'viewer' | 'agent' | 'system';
  sender_id: string;
  sender_name: string;
  sender_avatar_url: string | null;
  body: string;
  question: boolean;
  answered: boolean;
  deleted: boolean;
  quote: { id: string; senderName: string; body: string } | null;
  to_contact_id: string | null;
  created_at: Date;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const LIVE_PATH = '/live/';
/** The public viewer page of a room. */
export const shareUrlOf = (room: Pick<RoomRow, 'slug' | 'origin'>, publicUrl: string | undefined) =>
  `${(publicUrl ?? room.origin).replace(/\/$/, '')}${LIVE_PATH}${room.slug}`;

export const replayPath = (slug: string) => `/api/v1/live/public/${slug}/replay`;

export function presentCard(row: CardRow): LiveCard {
  return {
    id: row.id,
    title: row.title,
    price: row.price,
    imageUrl: row.image_url,
    linkUrl: row.link_url,
    pinned: row.pinned,
    clicks: row.clicks,
  };
}

/** What viewers see: pinned cards only, nothing about the team, co-hosts or settings. */
export function presentPublicRoom(row: RoomRow, cards: CardRow[]): LiveRoomPublic {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    coverUrl: row.cover_url,
    scheduledAt: iso(row.scheduled_at),
    state: row.state,
    startedAt: iso(row.started_at),
    endedAt: iso(row.ended_at),
    inboxKey: row.inbox_key,
    host: { id: row.host_user_id, name: row.host_name, avatarUrl: null },
    announcement: row.announcement,
    slowModeSeconds: row.slow_mode_seconds,
    cards: cards.filter((c) => c.pinned).map(presentCard),
    publishing: row.publishing,
    replayUrl: row.state === 'ended' && row.replay_file_id ? replayPath(row.slug) : null,
  };
}

export function presentRoom(row: RoomRow, cards: CardRow[], coHosts: LiveStaff[], publicUrl?: string): LiveRoom {
  return {
    ...presentPublicRoom(row, cards),
    inboxId: row.inbox_id,
    teamId: row.team_id,
    coHosts,
    cards: cards.map(presentCard),
    shareUrl: shareUrlOf(row, publicUrl),
    bitrateCapKbps: row.bitrate_cap_kbps,
    recording: row.recording,
    createdAt: row.created_at.toISOString(),
  };
}

export function presentLiveMessage(row: LiveMessageRow): LiveChatMessage {
  return {
    id: row.id,
    roomId: row.room_id,
    seq: row.seq,
    sender: { type: row.sender_type, id: row.sender_id, name: row.sender_name, avatarUrl: row.sender_avatar_url },
    body: row.deleted ? '' : row.body,
    createdAt: row.created_at.toISOString(),
    question: row.question,
    answered: row.answered,
    deleted: row.deleted,
    quote: row.quote,
    toContactId: row.to_contact_id,
  };
}
