import { demoApiToken, ensureDemoAccount } from '../modules/accounts/seed-demo.js';
import type { Config } from '../platform/config.js';
import { openDatabase } from '../platform/database.js';

export async function seedCommand(config: Config, json: boolean): Promise<number> {
  const database = await openDatabase(config, (line) => console.error(line), 'attach-or-own');
  try {
    const seed = await ensureDemoAccount(database.db.pool);
    const apiToken = await demoApiToken(database.db.pool, seed);
    const out = {
      accountId: seed.accountId,
      inboxId: seed.inboxId,
      inboxKey: seed.inboxKey,
      apiInboxId: seed.apiInboxId,
      apiToken,
      admin: { email: seed.admin.email, password: seed.admin.password },
      supervisor: { email: seed.supervisor.email, password: seed.supervisor.password },
      agents: seed.agents.map((a) => ({ email: a.email, password: a.password })),
    };
    if (json) console.log(JSON.stringify(out));
    else {
      console.log(`demo account ${out.accountId}\nwidget inbox key: ${out.inboxKey}\nAPI token: ${apiToken}`);
      for (const u of [out.admin, out.supervisor, ...out.agents]) console.log(`  ${u.email}  ${u.password}`);
    }
    return 0;
  } finally {
    await database.close();
  }
}
