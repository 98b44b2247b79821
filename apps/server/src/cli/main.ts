import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../platform/config.js';
import { migrateCommand } from './migrate.js';
import { seedCommand } from './seed.js';
import { startCommand } from './start.js';

const USAGE = `Usage: warmdesk <command>

Commands:
  start         start the server (embedded PostgreSQL unless DATABASE_URL is set)
  migrate       apply database migrations
  seed [--json] ensure the demo account; print its logins, inbox key and a new admin API token
  bot match --kb FILE [--top N]   match stdin lines against a knowledge base (one JSON line each; README)
  bot sentiment                   anger detection for stdin lines (one JSON line each)
  help          show this text

Configuration comes from the environment; see README.md (WARMDESK_PORT, WARMDESK_DATA_DIR, DATABASE_URL, ...).`;

async function main(): Promise<number> {
  // The bot commands need no configuration or database, and take their own options.
  if (process.argv[2] === 'bot') {
    const { runBotCli } = await import('@warmdesk/bot/cli');
    return runBotCli(process.argv.slice(3));
  }
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  const command = positionals[0] ?? 'help';
  if (values.help || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  switch (command) {
    case 'start':
      return startCommand(config);
    case 'migrate':
      return migrateCommand(config);
    case 'seed':
      return seedCommand(config, values.json);
    default:
      console.error(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

main().then(
  (code) => {
    if (code !== -1) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
