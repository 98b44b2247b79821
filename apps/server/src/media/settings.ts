import { z } from 'zod';
import { zJsonEnv, zOptionalIp } from '../platform/env-schemas.js';

/** What one SFU process reads from its environment (set by the parent that spawns it, or by an operator). */
export const zSfuEnv = z.object({
  WARMDESK_MEDIA_SECRET: z.string().min(16, 'must be at least 16 characters'),
  WARMDESK_MEDIA_ID: z.string().min(1).max(100).default(`media-${process.pid}`),
  WARMDESK_MEDIA_CONTROL_HOST: z.string().min(1).default('127.0.0.1'),
  WARMDESK_MEDIA_CONTROL_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** The address relays and origins reach each other on (loopback, or the internal network in a cluster). */
  WARMDESK_MEDIA_CASCADE_HOST: z.string().min(1).default('127.0.0.1'),
  WARMDESK_MEDIA_CASCADE_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  WARMDESK_MEDIA_PUBLIC_IP: zOptionalIp(),
  WARMDESK_MEDIA_PORT_RANGE: zPortRange(),
  /** Gather ICE candidates on this address only; loopback needs it (libjuice skips loopback otherwise). */
  WARMDESK_MEDIA_BIND_ADDRESS: zOptionalIp(),
  WARMDESK_MEDIA_MAX_VIEWERS_PER_PROCESS: z.coerce.number().int().min(1).max(100_000).default(200),
  /** node-datachannel ICE server strings (`stun:host:port`, `turn:user:pass@host:port`), JSON; default none. */
  WARMDESK_MEDIA_ICE: zJsonEnv('must be a JSON array of strings').pipe(
    z.array(z.string().regex(/^(stun|turn|turns):/)),
  ),
});

export type SfuEnv = z.infer<typeof zSfuEnv>;

/** `40000-40999`: the UDP ports the SFU's peer connections use; empty: the system picks them. */
export function zPortRange() {
  return z
    .string()
    .optional()
    .transform((v, c) => {
      if (!v) return undefined;
      const m = /^(\d{1,5})-(\d{1,5})$/.exec(v.trim());
      const begin = Number(m?.[1]);
      const end = Number(m?.[2]);
      if (!m || begin < 1024 || end > 65535 || begin > end) {
        c.addIssue({ code: 'custom', message: 'must be FIRST-LAST with 1024 <= FIRST <= LAST <= 65535' });
        return z.NEVER;
      }
      return { begin, end };
    });
}

/** RTCIceServer entries (WARMDESK_ICE_SERVERS and TURN) as node-datachannel's `proto:user:pass@host:port` strings. */
export function toNodeIceServers(servers: { urls: string | string[]; username?: string; credential?: string }[]) {
  const out: string[] = [];
  for (const server of servers) {
    for (const url of Array.isArray(server.urls) ? server.urls : [server.urls]) {
      const m = /^(stun|turns?):([^?]+)(\?transport=(udp|tcp))?$/.exec(url);
      if (!m?.[1] || !m[2]) continue;
      const hostPort = m[2].includes(':') ? m[2] : `${m[2]}:${m[1] === 'turns' ? 5349 : 3478}`;
      const auth =
        m[1] !== 'stun' && server.username && server.credential
          ? `${encodeURIComponent(server.username)}:${encodeURIComponent(server.credential)}@`
          : '';
      out.push(`${m[1]}:${auth}${hostPort}`);
    }
  }
  return out;
}
