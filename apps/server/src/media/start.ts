import { iceServersFor } from '../modules/calls/ice-servers.js';
import type { Config } from '../platform/config.js';
import { MediaClient } from './client.js';
import { toNodeIceServers } from './settings.js';
import { spawnMedia } from './spawn.js';

/**
 * The media service this process uses: the remote SFU processes of WARMDESK_MEDIA_URLS (cluster), or
 * WARMDESK_MEDIA_PROCESSES local ones forked now when this process runs `media`; undefined otherwise.
 */
export async function startMedia(config: Config, onLog: (line: string) => void): Promise<MediaClient | undefined> {
  const media = config.media;
  if (media.urls.length > 0 && media.secret) return new MediaClient(media.urls, media.secret);
  if (!config.services.includes('media')) return undefined;
  const env: Record<string, string> = {
    WARMDESK_MEDIA_CONTROL_HOST: '127.0.0.1',
    WARMDESK_MEDIA_CONTROL_PORT: '0',
    WARMDESK_MEDIA_CASCADE_HOST: media.cascadeHost,
    WARMDESK_MEDIA_CASCADE_PORT: '0',
    WARMDESK_MEDIA_MAX_VIEWERS_PER_PROCESS: String(media.maxViewersPerProcess),
    WARMDESK_MEDIA_PUBLIC_IP: media.publicIp ?? '',
    WARMDESK_MEDIA_PORT_RANGE: media.portRange ? `${media.portRange.begin}-${media.portRange.end}` : '',
    // TURN credentials are made once here, valid for WARMDESK_TURN_TTL_SECONDS.
    WARMDESK_MEDIA_ICE: JSON.stringify(
      media.useIceServers ? toNodeIceServers(iceServersFor(config, 'warmdesk-sfu').iceServers) : [],
    ),
  };
  return spawnMedia({ processes: media.processes, secret: media.secret, env, onLog });
}
