import { createHmac } from 'node:crypto';
import type { IceServers } from '@warmdesk/protocol';
import type { Config } from '../../platform/config.js';

type IceConfig = Pick<Config, 'iceServers' | 'turnUrls' | 'turnSecret' | 'turnTtlSeconds'>;

/**
 * coturn's shared-secret REST credentials (`use-auth-secret`): the username is `<expiry unix time>:<who>` and the
 * password is base64(HMAC-SHA1(secret, username)); coturn recomputes it and refuses it after the expiry.
 */
export function turnCredential(secret: string, ttlSeconds: number, who: string, nowMs = Date.now()) {
  const username = `${Math.floor(nowMs / 1000) + ttlSeconds}:${who}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

/** The ICE servers for one caller: the configured ones as they are, and the TURN URLs with fresh credentials. */
export function iceServersFor(config: IceConfig, who: string, nowMs = Date.now()): IceServers {
  const iceServers: IceServers['iceServers'] = config.iceServers.map((s) => ({ ...s }));
  if (config.turnUrls.length > 0 && config.turnSecret) {
    iceServers.push({
      urls: config.turnUrls,
      ...turnCredential(config.turnSecret, config.turnTtlSeconds, who, nowMs),
    });
  }
  return { iceServers, ttlSeconds: config.turnTtlSeconds };
}
