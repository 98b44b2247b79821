/** The embed tag, exactly as docs/widget.md and the /demo page give it. */
export const embedSnippet = (origin: string, inboxKey: string) =>
  `<script src="${origin}/widget.js" data-inbox="${inboxKey}" async></script>`;

/** The async queue form with a verified identify call; `hmac` is rendered by the site's backend. */
export const identifySnippet = (origin: string, inboxKey: string) => `<script>
  window.Warmdesk = window.Warmdesk || { q: [] };
  ['open', 'close', 'toggle', 'identify', 'setAttributes', 'track', 'on', 'off'].forEach(function (m) {
    window.Warmdesk[m] = window.Warmdesk[m] || function () {
      window.Warmdesk.q.push([m].concat([].slice.call(arguments)));
    };
  });
  Warmdesk.identify({ userId: '42', name: '张三', email: 'zhang@example.com', hmac: '<?= $hmac ?>' });
</script>
${embedSnippet(origin, inboxKey)}`;

/** Computing the hmac on the site's server, in a few languages. */
export const HMAC_EXAMPLES = [
  {
    key: 'node',
    label: 'Node.js',
    code: `import { createHmac } from 'node:crypto';
const hmac = createHmac('sha256', process.env.WARMDESK_INBOX_SECRET).update(String(user.id)).digest('hex');`,
  },
  {
    key: 'php',
    label: 'PHP',
    code: `$hmac = hash_hmac('sha256', (string) $user_id, getenv('WARMDESK_INBOX_SECRET'));`,
  },
  {
    key: 'python',
    label: 'Python',
    code: `import hashlib, hmac, os
hmac_hex = hmac.new(os.environ["WARMDESK_INBOX_SECRET"].encode(), str(user_id).encode(), hashlib.sha256).hexdigest()`,
  },
] as const;
