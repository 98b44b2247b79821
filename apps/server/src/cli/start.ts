import type { Config } from '../platform/config.js';
import { type RunningServer, startServer } from '../server.js';

function banner(server: RunningServer): string {
  const lines = [
    '',
    `  Warmdesk is running at ${server.url}`,
    `  Agent workspace: ${server.url}/app  (admin console: ${server.url}/app/admin)`,
    `  API reference:  ${server.url}/api/docs`,
    `  Database:       ${server.embeddedPgPid ? 'embedded PostgreSQL' : 'external PostgreSQL (DATABASE_URL)'}`,
  ];
  const demo = server.demo;
  if (demo) {
    lines.push('', '  Demo account logins (sign in at /app):');
    for (const u of [demo.admin, demo.supervisor, ...demo.agents]) {
      lines.push(`    ${u.role.padEnd(10)} ${u.email.padEnd(28)} ${u.password}`);
    }
    lines.push(
      `  Demo web-widget inbox key: ${demo.inboxKey}`,
      `  Try the widget on the demo shop: ${server.url}/demo`,
      '  More: npx warmdesk seed --json',
      '',
    );
  }
  return lines.join('\n');
}

/** Runs until SIGINT/SIGTERM; then closes sockets, HTTP and the embedded PostgreSQL before exiting. */
export async function startCommand(config: Config): Promise<number> {
  const server = await startServer(config);
  console.log(banner(server));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.ctx.log.info(`${signal} received, shutting down`);
    const force = setTimeout(() => {
      server.emergencyStop();
      process.exit(1);
    }, 30_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('exit', () => server.emergencyStop());
  process.on('uncaughtException', (err) => {
    server.ctx.log.fatal({ err }, 'uncaught exception');
    server.emergencyStop();
    process.exit(1);
  });
  process.on('unhandledRejection', (err) => {
    server.ctx.log.error({ err }, 'unhandled rejection');
  });
  return -1;
}
