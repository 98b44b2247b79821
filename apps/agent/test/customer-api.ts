import type { Conversation, Message, MessagePage } from '@warmdesk/protocol';
import { customerSession, http, type TestServer } from '../../server/test/harness.js';

/** What the customer's own REST API returns for the conversation: everything the customer can ever see. */
export async function customerHistory(
  server: TestServer,
  sessionToken: string,
  conversationId: string,
): Promise<Message[]> {
  const res = await http(server.url, { 'x-warmdesk-session': sessionToken })<MessagePage>(
    'GET',
    `/api/v1/widget/conversations/${conversationId}/messages?limit=200`,
  );
  if (res.status !== 200) throw new Error(`customer history: HTTP ${res.status}`);
  return res.body.messages;
}

/** The customer's conversations in the demo inbox, newest first. */
export async function customerConversations(server: TestServer, sessionToken: string): Promise<Conversation[]> {
  const res = await http(server.url, { 'x-warmdesk-session': sessionToken })<{ items: Conversation[] }>(
    'GET',
    '/api/v1/widget/conversations',
  );
  if (res.status !== 200) throw new Error(`customer conversations: HTTP ${res.status}`);
  return res.body.items;
}

/** A new customer (no browser) who starts a conversation in the demo widget inbox and writes `text`. */
export async function customerWrites(server: TestServer, text: string) {
  const customer = await customerSession(server, server.demo.inboxKey);
  const started = await customer.http<Conversation>('POST', '/api/v1/widget/conversations', {});
  if (started.status !== 200) throw new Error(`start conversation: HTTP ${started.status}`);
  const sent = await customer.http('POST', `/api/v1/widget/conversations/${started.body.id}/messages`, {
    content: text,
  });
  if (sent.status !== 201) throw new Error(`customer message: HTTP ${sent.status}`);
  return { ...customer, conversationId: started.body.id };
}
