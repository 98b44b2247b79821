import type { Seed } from '../messaging/server.js';
import { log, mapLimit } from '../messaging/stats.js';
import { request } from './http.js';
import type { AgentLogin } from './ipc.js';

type Inbox = { id: string; config: Record<string, unknown> };
type User = { id: string; email: string };

/** The demo widget inbox routes by least load (the rest of its config kept: PATCH replaces the whole config). */
export async function setLeastLoad(baseUrl: string, seed: Seed): Promise<void> {
  const auth = { authorization: `Bearer ${seed.apiToken}` };
  const url = `${baseUrl}/api/v1/inboxes/${seed.inboxId}`;
  const inbox = (await request<Inbox>('GET', url, undefined, auth)).body;
  const routing = typeof inbox.config.routing === 'object' && inbox.config.routing ? inbox.config.routing : {};
  await request('PATCH', url, { config: { ...inbox.config, routing: { ...routing, policy: 'least_load' } } }, auth);
  log('setup', `inbox ${seed.inboxId} (key ${seed.inboxKey}): routing policy least_load`);
}

/** `count` agents with this capacity, created and set online by the demo admin (API token) through the REST API. */
export async function createAgents(baseUrl: string, seed: Seed, count: number, capacity: number) {
  const auth = { authorization: `Bearer ${seed.apiToken}` };
  const password = `surge-${seed.accountId.slice(0, 8)}-pw`;
  const agents = await mapLimit(
    Array.from({ length: count }, (_, i) => i + 1),
    4,
    async (n): Promise<AgentLogin> => {
      const email = `surge-agent-${n}@example.com`;
      const user = (
        await request<User>(
          'POST',
          `${baseUrl}/api/v1/users`,
          { email, name: `Surge agent ${n}`, role: 'agent', password, capacity },
          auth,
        )
      ).body;
      await request('PATCH', `${baseUrl}/api/v1/users/${user.id}`, { status: 'online' }, auth);
      return { userId: user.id, email, password };
    },
  );
  log('setup', `${agents.length} agents created (capacity ${capacity}, online)`);
  return agents;
}
