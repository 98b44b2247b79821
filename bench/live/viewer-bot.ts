/**
 * A worker process of `npm run bench:live`: node-datachannel viewers of one room, placed through the SFU's control
 * API like the server places them, counting video RTP and the gaps in its sequence numbers. Driven over IPC.
 */
import { MediaClient } from '../../apps/server/src/media/client.js';
import { createNodeViewer, type NodeViewer } from '../../apps/server/src/media/testing/node-peers.js';

export type BotCommand =
  | { type: 'add'; count: number; roomId: string; urls: string[]; secret: string; prefix: string }
  | { type: 'reset' }
  | { type: 'report' }
  | { type: 'close' };

export type BotReply =
  | { type: 'added'; ok: number; failed: number; error?: string }
  | { type: 'reset-done' }
  | { type: 'report'; viewers: number; receiving: number; received: number; expected: number };

const viewers: NodeViewer[] = [];
let client: MediaClient | undefined;

const reply = (msg: BotReply) => process.send?.(msg);

async function add(cmd: Extract<BotCommand, { type: 'add' }>) {
  client ??= new MediaClient(cmd.urls, cmd.secret);
  let ok = 0;
  let failed = 0;
  let error: string | undefined;
  for (let i = 0; i < cmd.count; i++) {
    try {
      const viewer = await createNodeViewer(`${cmd.prefix}-${viewers.length}`);
      const { answerSdp } = await client.watch(cmd.roomId, `${cmd.prefix}-${viewers.length}`, viewer.offerSdp);
      viewer.accept(answerSdp);
      viewers.push(viewer);
      ok++;
    } catch (err) {
      failed++;
      error = err instanceof Error ? err.message : String(err);
    }
  }
  reply({ type: 'added', ok, failed, ...(error ? { error } : {}) });
}

process.on('message', (msg: BotCommand) => {
  if (msg.type === 'add') void add(msg);
  else if (msg.type === 'reset') {
    for (const v of viewers) v.resetWindow();
    reply({ type: 'reset-done' });
  } else if (msg.type === 'report') {
    let received = 0;
    let expected = 0;
    let receiving = 0;
    for (const v of viewers) {
      const w = v.window();
      received += w.received;
      expected += w.expected;
      if (w.received > 0) receiving++;
    }
    reply({ type: 'report', viewers: viewers.length, receiving, received, expected });
  } else if (msg.type === 'close') {
    for (const v of viewers) v.close();
    void client?.close();
    setTimeout(() => process.exit(0), 200);
  }
});
// The bench going away (even killed) ends this worker too.
process.on('disconnect', () => process.exit(0));
