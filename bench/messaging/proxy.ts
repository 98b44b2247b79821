import net from 'node:net';

export type ByteCounts = { connections: number; toServer: number; toClient: number };

/**
 * A TCP proxy on 127.0.0.1 that counts the bytes flowing each way: what the WebSocket connections put on the wire
 * (TCP payload: WebSocket frames, no TCP/IP headers).
 */
export async function startCountingProxy(targetPort: number) {
  const totals: ByteCounts = { connections: 0, toServer: 0, toClient: 0 };
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    totals.connections++;
    const upstream = net.connect(targetPort, '127.0.0.1');
    open.add(client);
    open.add(upstream);
    client.on('data', (chunk: Buffer) => {
      totals.toServer += chunk.length;
    });
    upstream.on('data', (chunk: Buffer) => {
      totals.toClient += chunk.length;
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    snapshot: (): ByteCounts => ({ ...totals }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
