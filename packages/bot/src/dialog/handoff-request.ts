import { hasHan, normalizeMessage } from './normalize.js';

/*
 * "转人工", "talk to a human": a customer asking for a person. A keyword counts when the message is only that
 * request (the keyword plus polite or request words around it), or when a request verb stands right before it
 * ("这个太复杂了，转人工吧"). A negation right before it ("我不要人工") or other content around a bare keyword
 * ("人工智能是什么", "my user agent is Chrome") does not count.
 */

const ZH_FILLERS = [
  '可不可以',
  '能不能',
  '我需要',
  '可以',
  '我要',
  '我想',
  '帮我',
  '给我',
  '麻烦',
  '转接',
  '联系',
  '对话',
  '说话',
  '服务',
  '有没有',
  '在不在',
  '在吗',
  '你好',
  '您好',
  '一下',
  '一个',
  '快点',
  '马上',
  '现在',
  '谢谢',
  '请',
  '找',
  '转',
  '接',
  '换',
  '叫',
  '要',
  '想',
  '能',
  '和',
  '跟',
  '与',
  '聊',
  '有',
  '吗',
  '呢',
  '啊',
  '呀',
  '吧',
  '了',
  '的',
  '个',
  '快',
  '我',
];

const EN_FILLERS = new Set(
  (
    'i im want wanna need would like to talk speak chat with a an the please pls plz can could may get me connect ' +
    'transfer let real live human person someone somebody anyone agent operator now hi hello hey just your you ' +
    'customer service support representative rep staff give is there any available some one of help be put through ' +
    'right away asap'
  ).split(' '),
);

/** A request verb at most two characters before the keyword ("转一下人工"). */
const ZH_REQUEST_VERBS = /(?:转|找|要|接|换|叫|请|呼叫|联系)\p{Script=Han}{0,2}\s*$/u;
const ZH_NEGATION = /(?:不|别|无需|没)\p{Script=Han}{0,2}\s*$/u;
/** "有没有人工", "能不能转人工": a question, not a negation. */
const ZH_A_NOT_A = /(?:有没有|能不能|可不可以|要不要|是不是)\p{Script=Han}{0,2}\s*$/u;
const EN_REQUEST_WORDS = new Set([
  'to',
  'me',
  'want',
  'need',
  'get',
  'connect',
  'transfer',
  'speak',
  'talk',
  'a',
  'an',
]);
const EN_NEGATION = new Set(["don't", 'dont', 'not', 'no', 'never', 'without', "doesn't", "didn't"]);

type Hit = { keyword: string; start: number; end: number };

function findHits(text: string, keyword: string): Hit[] {
  const hits: Hit[] = [];
  if (hasHan(keyword)) {
    for (let at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + keyword.length)) {
      hits.push({ keyword, start: at, end: at + keyword.length });
    }
    return hits;
  }
  const escaped = keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu');
  for (const m of text.matchAll(pattern)) hits.push({ keyword, start: m.index, end: m.index + keyword.length });
  return hits;
}

function wordsBefore(text: string, at: number, count: number): string[] {
  return text
    .slice(0, at)
    .split(/[^\p{L}\p{N}']+/u)
    .filter(Boolean)
    .slice(-count);
}

function negated(text: string, hit: Hit): boolean {
  if (hasHan(hit.keyword)) {
    const before = text.slice(Math.max(0, hit.start - 5), hit.start);
    return ZH_NEGATION.test(before.slice(-3)) && !ZH_A_NOT_A.test(before);
  }
  return wordsBefore(text, hit.start, 3).some((w) => EN_NEGATION.has(w));
}

function requestedBefore(text: string, hit: Hit): boolean {
  if (hasHan(hit.keyword)) {
    return (
      /^(?:转|找|叫)/u.test(hit.keyword) || ZH_REQUEST_VERBS.test(text.slice(Math.max(0, hit.start - 3), hit.start))
    );
  }
  return wordsBefore(text, hit.start, 2).some((w) => EN_REQUEST_WORDS.has(w));
}

/** What is left of a message once the keywords and the polite or request words are taken out. */
function leftOver(text: string, hits: Hit[]): string {
  let rest = text;
  for (const hit of [...hits].sort((a, b) => b.start - a.start)) {
    rest = `${rest.slice(0, hit.start)} ${rest.slice(hit.end)}`;
  }
  for (const filler of ZH_FILLERS) rest = rest.split(filler).join(' ');
  return rest
    .split(/[^\p{L}\p{N}']+/u)
    .filter((w) => w && !EN_FILLERS.has(w))
    .join(' ');
}

/** Whether the customer asks for a person, given the inbox's hand-off keywords (any language, any case). */
export function detectHandoffRequest(text: string, keywords: readonly string[]): boolean {
  const message = normalizeMessage(text);
  if (!message) return false;
  // Longest first: "人工客服" is one hit, not "人工" and "客服".
  const sorted = [...new Set(keywords.map(normalizeMessage).filter(Boolean))].sort((a, b) => b.length - a.length);
  const hits: Hit[] = [];
  for (const keyword of sorted) {
    for (const hit of findHits(message, keyword)) {
      if (!hits.some((h) => hit.start < h.end && h.start < hit.end)) hits.push(hit);
    }
  }
  const live = hits.filter((hit) => !negated(message, hit));
  if (live.length === 0) return false;
  if (live.length === hits.length && leftOver(message, hits) === '') return true;
  return live.some((hit) => requestedBefore(message, hit));
}
