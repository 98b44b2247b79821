import type { Config } from '../platform/config.js';
import { openDatabase } from '../platform/database.js';

export async function migrateCommand(config: Config): Promise<number> {
  const database = await openDatabase(config, (line) => console.error(line), 'attach-or-own');
  await database.close();
  console.log('migrations applied');
  return 0;
}
