import type { AddressInfo } from 'node:net';
import nodeDataChannel from 'node-datachannel';
import { createControlServer } from './control-server.js';
import { zSfuEnv } from './settings.js';
import { Sfu } from './sfu.js';

/*
 * One SFU process (`SERVICES=media`). Spawned by the API process (startServer) or run on its own in a cluster:
 *   WARMDESK_MEDIA_SECRET=... WARMDESK_MEDIA_CONTROL_HOST=10.0.0.5 WARMDESK_MEDIA_CONTROL_PORT=7100 \
 *   node --import tsx apps/server/src/media/main.ts
 * Prints `warmdesk-media listening <control url>` and, when forked, sends { type: 'ready', url } to its parent.
 */

const parsed = zSfuEnv.safeParse(process.env);
if (!parsed.success) {
  for (const i of parsed.error.issues) console.error(`  ${i.path.join('.')}: ${i.message}`);
  process.exit(2);
}
const env = parsed.data;
const log = (msg: string, fields?: object) =>
  console.error(JSON.stringify({ level: 'warn', app: 'warmdesk-media', id: env.WARMDESK_MEDIA_ID, msg, ...fields }));

if (process.env.WARMDESK_MEDIA_DEBUG) nodeDataChannel.initLogger('Info', (l, m) => console.error('SFU', l, m));
const sfu = await Sfu.start({
  id: env.WARMDESK_MEDIA_ID,
  secret: env.WARMDESK_MEDIA_SECRET,
  ice: {
    iceServers: env.WARMDESK_MEDIA_ICE,
    portRangeBegin: env.WARMDESK_MEDIA_PORT_RANGE?.begin,
    portRangeEnd: env.WARMDESK_MEDIA_PORT_RANGE?.end,
    publicIp: env.WARMDESK_MEDIA_PUBLIC_IP,
    bindAddress: env.WARMDESK_MEDIA_BIND_ADDRESS,
  },
  cascadeHost: env.WARMDESK_MEDIA_CASCADE_HOST,
  cascadePort: env.WARMDESK_MEDIA_CASCADE_PORT,
  maxViewers: env.WARMDESK_MEDIA_MAX_VIEWERS_PER_PROCESS,
  log,
});
const server = createControlServer(sfu, env.WARMDESK_MEDIA_SECRET, log);
server.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) =>
  server.listen(env.WARMDESK_MEDIA_CONTROL_PORT, env.WARMDESK_MEDIA_CONTROL_HOST, resolve),
);
const { port } = server.address() as AddressInfo;
const host = env.WARMDESK_MEDIA_CONTROL_HOST.includes(':')
  ? `[${env.WARMDESK_MEDIA_CONTROL_HOST}]`
  : env.WARMDESK_MEDIA_CONTROL_HOST;
const url = `http://${host}:${port}`;
console.log(`warmdesk-media listening ${url}`);
process.send?.({ type: 'ready', url });

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeAllConnections();
  await sfu.close();
  nodeDataChannel.cleanup();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
// Forked: the parent going away (even killed) ends this process too.
process.on('disconnect', () => void stop());
process.on('uncaughtException', (err) => {
  log('uncaught exception', { err: err.stack ?? err.message });
  process.exit(1);
});
