import { escapeHtml } from './html.js';

const PRODUCTS = [
  { sku: 'headphones', icon: '🎧', zh: '无线降噪耳机', en: 'Wireless noise-cancelling headphones', price: 899 },
  { sku: 'mug', icon: '☕', zh: '保温咖啡杯', en: 'Insulated coffee mug', price: 129 },
  { sku: 'backpack', icon: '🎒', zh: '城市通勤双肩包', en: 'City commuter backpack', price: 459 },
  { sku: 'watch', icon: '⌚', zh: '运动智能手表', en: 'Sports smart watch', price: 1299 },
];

const CSS = `*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1c2024;background:#f6f7f9}
header{display:flex;align-items:center;justify-content:space-between;padding:16px 32px;background:#fff;border-bottom:1px solid #e4e7eb}
header b{font-size:20px}header nav a{margin-left:20px;color:#1c2024;text-decoration:none}
.note{margin:0;padding:10px 32px;background:#fff8e1;border-bottom:1px solid #f0e0a0;font-size:14px}
main{max-width:1040px;margin:0 auto;padding:32px}h1{margin:0 0 4px}.sub{margin:0 0 24px;color:#5b6470}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:20px}
.card{background:#fff;border:1px solid #e4e7eb;border-radius:12px;overflow:hidden}
.pic{height:150px;display:flex;align-items:center;justify-content:center;font-size:64px;background:linear-gradient(135deg,#eef2ff,#fdf2f8)}
.card div.t{padding:14px 16px}.card h2{margin:0;font-size:16px}.card p{margin:2px 0 10px;color:#5b6470;font-size:13px}
.price{font-weight:700;font-size:18px}.card button,.help button{float:right;border:0;border-radius:8px;padding:6px 12px;background:#1c2024;color:#fff;cursor:pointer}
.help{margin-top:32px;padding:20px;background:#fff;border:1px solid #e4e7eb;border-radius:12px;overflow:hidden}
pre{white-space:pre-wrap;word-break:break-all;background:#1c2024;color:#e6edf3;padding:14px;border-radius:8px;font-size:13px}
footer{padding:24px 32px;color:#5b6470;font-size:13px;text-align:center}`;

/**
 * `/demo`: a small shop page with the widget embedded for the demo inbox, to try the widget as a customer
 * (the agent side answers in the workspace). Inline styles and script only; nothing from other sites.
 */
export function demoHtml(origin: string, inboxKey: string): string {
  const key = escapeHtml(inboxKey);
  const snippet = `<script src="${origin}/widget.js" data-inbox="${inboxKey}" async></script>`;
  const cards = PRODUCTS.map(
    (p) => `<div class="card"><div class="pic" aria-hidden="true">${p.icon}</div><div class="t">
<h2>${p.zh}</h2><p>${p.en}</p><span class="price">¥${p.price}</span>
<button data-sku="${p.sku}" data-price="${p.price}">加入购物车 · Add to cart</button></div></div>`,
  ).join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>暖心小店 Warm Shop · Warmdesk demo</title>
<style>${CSS}</style>
</head>
<body>
<header><b>暖心小店 · Warm Shop</b><nav><a href="#products">商品 Products</a><a href="#help">帮助 Help</a></nav></header>
<p class="note">这是 Warmdesk 的演示页面，不是真实商店：右下角的按钮打开在线客服，消息会进入演示账号的工作台。
This is a Warmdesk demo, not a real shop: the button at the bottom right opens the chat; messages arrive in the demo account's workspace.</p>
<main>
<h1 id="products">新品推荐 · New arrivals</h1>
<p class="sub">全场满 199 包邮 · Free shipping over ¥199</p>
<div class="grid">
${cards}
</div>
<div class="help" id="help">
<button id="contact">联系客服 · Contact us</button>
<h2>嵌入代码 · Embed snippet</h2>
<p>把这一行放进你的网站即可 · Put this line into your site:</p>
<pre>${escapeHtml(snippet)}</pre>
</div>
</main>
<footer>Warmdesk demo · 演示数据 Demo data</footer>
<script>
window.Warmdesk = window.Warmdesk || { q: [] };
['open', 'close', 'toggle', 'identify', 'setAttributes', 'track', 'on', 'off'].forEach(function (m) {
  window.Warmdesk[m] = window.Warmdesk[m] || function () { window.Warmdesk.q.push([m].concat([].slice.call(arguments))); };
});
document.querySelectorAll('button[data-sku]').forEach(function (b) {
  b.addEventListener('click', function () {
    Warmdesk.track('add_to_cart', { sku: b.dataset.sku, price: Number(b.dataset.price) });
    b.textContent = '已加入 · Added ✓';
  });
});
document.getElementById('contact').addEventListener('click', function () { Warmdesk.open(); });
</script>
<script src="/widget.js" data-inbox="${key}" async></script>
</body>
</html>
`;
}
