import type { PoolClient } from 'pg';

const CANNED: { shortCode: string; content: string }[] = [
  { shortCode: 'hello', content: 'Hi! Thanks for reaching out. How can I help you today?' },
  { shortCode: '你好', content: '您好！很高兴为您服务，请问有什么可以帮您？' },
  {
    shortCode: 'refund',
    content: 'I am sorry about that. I have started your refund; it reaches your account within 3 to 5 business days.',
  },
  { shortCode: '退款', content: '非常抱歉给您带来不便。退款已为您提交，预计 3 到 5 个工作日内退回原支付账户。' },
  { shortCode: 'bye', content: 'Is there anything else I can help with? Have a great day!' },
  { shortCode: '再见', content: '请问还有其他可以帮您的吗？祝您生活愉快！' },
];

const LABELS: { name: string; color: string; description: string }[] = [
  { name: 'vip', color: '#d4b106', description: 'VIP customer / 重要客户' },
  { name: 'refund', color: '#cf1322', description: 'Refund requests / 退款申请' },
  { name: '售后', color: '#08979c', description: 'After-sales service / 售后服务' },
  { name: 'bug', color: '#722ed1', description: 'Product problem to pass on / 产品问题' },
];

/** Sample canned responses and labels (zh and en) so a new demo user has something to try; existing ones stay. */
export async function seedWorkspaceSamples(client: PoolClient, accountId: string): Promise<void> {
  await client.query(
    `INSERT INTO canned_responses (account_id, short_code, content)
     SELECT $1, s, c FROM unnest($2::text[], $3::text[]) AS t(s, c)
     ON CONFLICT DO NOTHING`,
    [accountId, CANNED.map((c) => c.shortCode), CANNED.map((c) => c.content)],
  );
  await client.query(
    `INSERT INTO labels (account_id, name, color, description)
     SELECT $1, n, c, d FROM unnest($2::text[], $3::text[], $4::text[]) AS t(n, c, d)
     ON CONFLICT DO NOTHING`,
    [accountId, LABELS.map((l) => l.name), LABELS.map((l) => l.color), LABELS.map((l) => l.description)],
  );
}
