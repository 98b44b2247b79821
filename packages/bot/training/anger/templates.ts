/*
 * Hand-written templates with slot fillers, expanded into templated.tsv (a sample of each template's combinations,
 * seeded, so the file is reproducible). Written by the project; MIT like the rest of this folder.
 *
 *   node --import tsx packages/bot/training/anger/templates.ts
 */
import { writeFileSync } from 'node:fs';
import { seededRandom } from '../../src/sentiment/logistic.js';

interface Template {
  label: 0 | 1;
  lang: 'zh' | 'en';
  /** Patterns with `{slot}` placeholders; one is picked per sample. */
  patterns: string[];
  slots: Record<string, string[]>;
  /** How many distinct sentences to keep. */
  count: number;
}

const zhThings = ['快递', '订单', '退款', '手机', '会员', '包裹', '外卖', '宽带', '洗衣机', '耳机', '机票', '账户'];
const zhWaits = ['三天', '一个星期', '半个月', '两个小时', '一整天', '十天', '一个月', '四十分钟'];
const zhHeat = [
  '你们到底想怎样',
  '还有没有人管',
  '当我好欺负吗',
  '什么破服务',
  '气死我了',
  '我真的受够了',
  '你们是不是在耍我',
  '简直离谱',
  '太过分了',
  '你们就是这么做生意的？',
];
const zhThreats = [
  '去12315投诉你们',
  '打电话给消协',
  '找媒体曝光你们',
  '直接起诉你们',
  '给你们差评',
  '注销账号再也不用了',
  '找你们领导',
  '报警',
  '发到网上让大家看看',
];
const zhActions = ['退款', '发货', '处理', '回复', '赔偿', '给我个说法', '上门维修', '解决'];
const zhAsk = [
  '怎么申请退款',
  '多久能发货',
  '怎么修改地址',
  '能不能开发票',
  '怎么取消订单',
  '怎么更换绑定手机',
  '退货运费谁出',
  '会员什么时候到期',
  '怎么查物流',
  '可以分期付款吗',
  '保修期是多久',
];
const zhPeople = ['室友', '同事', '邻居', '领导', '前任', '房东', '亲戚', '队友', '网友', '司机', '老板', '楼上'];
const zhDeeds = [
  '半夜还在大声打电话',
  '又把锅甩给我',
  '把我的东西弄坏了还不承认',
  '当着大家的面骂我',
  '借钱不还还拉黑我',
  '天天在背后说我坏话',
  '抢了我的功劳',
  '又放我鸽子',
  '乱停车挡住了我的路',
  '把垃圾扔在我门口',
  '在群里阴阳怪气',
];
const zhReactions = [
  '气死我了',
  '真想骂人',
  '有病吧',
  '什么人啊',
  '恶心',
  '无语到极点',
  '我忍不了了',
  '烦死了',
  '真不要脸',
  '妈的',
  '越想越气',
  '火大',
];
const zhEvents = [
  '看完这部电影',
  '听到这个消息',
  '收到他的信',
  '翻到以前的照片',
  '回到老家',
  '毕业那天',
  '一个人走在路上',
  '看到妈妈的白发',
];
const zhSad = ['好难过', '眼泪一下子就掉下来了', '心里空落落的', '好想哭', '特别想家', '有点心酸', '好舍不得'];
const zhHappy = ['开心得跳起来', '太幸福了', '笑了一整天', '心里暖暖的', '激动得睡不着', '好满足'];
const zhFear = ['吓得我腿都软了', '好害怕', '心一直在狂跳', '紧张得手心出汗', '不敢一个人睡'];
const zhSurprise = ['完全没想到', '惊呆了', '真的假的', '不敢相信', '太意外了'];
const zhGood = ['终于考过了', '收到了心仪的offer', '见到了偶像', '抽中了大奖', '宝宝会走路了', '升职加薪了'];
const zhScary = ['半夜听到敲门声', '刚才电梯突然往下掉了一截', '一个人在家停电了', '路上有只大狗一直追我'];
const zhUnexpected = ['在国外遇到了小学同学', '他居然记得我的生日', '十月份下雪了', '我家猫会自己开冰箱'];

const enThings = ['order', 'refund', 'package', 'account', 'card', 'subscription', 'replacement', 'booking', 'invoice'];
const enWaits = ['three weeks', 'two hours', 'a month', 'ten days', 'all morning', 'five days', 'forever'];
const enHeat = [
  'This is ridiculous.',
  'Unacceptable.',
  'What a joke.',
  'I am beyond furious.',
  "I'm so fed up.",
  'Are you kidding me?',
  'Absolutely pathetic.',
  'Unbelievable!!',
  'I am sick of this.',
];
const enThreats = [
  "I'm cancelling my account",
  "I'll report you to the BBB",
  "I'm calling my lawyer",
  "I'll dispute the charge with my bank",
  "I'm leaving a one-star review",
  "I'm switching to another provider",
  "I'll take this to small claims court",
  "I'm posting this everywhere",
];
const enAsk = [
  'how do I get a refund',
  'when will my card arrive',
  'can I change my delivery address',
  'how do I reset my PIN',
  'what is the fee for international transfers',
  'how do I cancel my subscription',
  'can I get a receipt for my last order',
  'is there a student discount',
  'how long does shipping take',
];
const enPolite = [
  "hasn't arrived yet, could you check on it",
  'seems to be delayed, any idea when it will come',
  'shows an error, what should I do',
  'was charged twice, could you look into it',
  'needs to be updated, how do I do that',
  "isn't showing in my account, is that normal",
];
const enEvents = [
  'Watching old home videos',
  'Saying goodbye at the airport',
  'Visiting my hometown after ten years',
  'Reading her last letter',
  'Packing up my childhood bedroom',
  'Walking past our old school',
];
const enSadEnd = ['made me cry.', 'left me feeling empty.', 'was harder than I thought.', 'broke my heart a little.'];
const enGood = [
  'Got my exam results',
  'My best friend surprised me',
  'We finally bought a house',
  'The doctor said I am fully recovered',
  'My team won the final',
  'I got promoted',
];
const enHappyEnd = [
  "and I can't stop smiling!",
  'best day ever!!',
  'so grateful right now.',
  'feeling on top of the world.',
];
const enScary = [
  'Heard footsteps outside my window at 2am',
  'The plane dropped suddenly during turbulence',
  'My son had a high fever all night',
  'The power went out during the storm',
];
const enFearEnd = ['and I was terrified.', "and I'm still shaking.", 'so scary.', 'and I could not sleep after that.'];
const enPeople = ['My roommate', 'My coworker', 'My neighbor', 'My boss', 'Some guy on the bus', 'My landlord'];
const enDeeds = [
  'ate my food again',
  'blamed me for his mistake',
  'played loud music until 3am',
  'blocked my driveway again',
  'yelled at me in front of everyone',
  'read my private messages',
  'broke my stuff and lied about it',
];
const enReactions = [
  "I'm so angry.",
  'I swear I am going to lose it.',
  'What an idiot.',
  'Unbelievable.',
  "I'm done being nice.",
  'I want to scream.',
  'Absolutely disgusting behaviour.',
];

const templates: Template[] = [
  {
    label: 1,
    lang: 'zh',
    patterns: [
      '{thing}等了{wait}了还没{action}，{heat}',
      '{thing}的问题拖了{wait}，{heat}！',
      '再不{action}我就{threat}',
      '{heat}，{thing}到现在还没{action}',
      '说好的{action}呢？都{wait}了，{heat}',
      '今天不{action}的话我就{threat}，说到做到',
      '我的{thing}到底怎么回事？{heat}',
    ],
    slots: { thing: zhThings, wait: zhWaits, heat: zhHeat, action: zhActions, threat: zhThreats },
    count: 200,
  },
  {
    label: 0,
    lang: 'zh',
    patterns: [
      '你好，请问{ask}？',
      '请问一下{ask}，谢谢',
      '麻烦问下{ask}呀',
      '{thing}的事情想咨询一下，{ask}？',
      '不好意思打扰了，{ask}？',
      '您好，{thing}这边想了解一下{ask}',
    ],
    slots: { ask: zhAsk, thing: zhThings },
    count: 200,
  },
  {
    label: 1,
    lang: 'zh',
    patterns: ['{people}{deed}，{reaction}', '{reaction}！{people}{deed}', '{people}{deed}，{reaction}，{reaction2}'],
    slots: { people: zhPeople, deed: zhDeeds, reaction: zhReactions, reaction2: zhReactions },
    count: 180,
  },
  {
    label: 0,
    lang: 'zh',
    patterns: [
      '{event}，{sad}',
      '{good}，{happy}',
      '{scary}，{fear}',
      '{unexpected}，{surprise}！',
      '{event}，{happy}',
    ],
    slots: {
      event: zhEvents,
      sad: zhSad,
      good: zhGood,
      happy: zhHappy,
      scary: zhScary,
      fear: zhFear,
      unexpected: zhUnexpected,
      surprise: zhSurprise,
    },
    count: 220,
  },
  {
    label: 1,
    lang: 'en',
    patterns: [
      "I've been waiting {wait} for my {thing}. {heat}",
      'My {thing} still is not sorted after {wait}. {heat} {threat}.',
      'Fix my {thing} today or {threat}.',
      '{heat} {wait} and still no {thing}!',
      'Where is my {thing}??? {heat}',
      "{heat} You've messed up my {thing} again. {threat}.",
    ],
    slots: { wait: enWaits, thing: enThings, heat: enHeat, threat: enThreats },
    count: 220,
  },
  {
    label: 0,
    lang: 'en',
    patterns: [
      'Hi, {ask}?',
      'Hello! Quick question: {ask}?',
      'Could you tell me {ask}? Thanks!',
      'Hey, {ask}? Cheers.',
    ],
    slots: { ask: enAsk },
    count: 36,
  },
  {
    label: 0,
    lang: 'en',
    patterns: [
      'Hi, my {thing} {polite}?',
      'Hello, my {thing} {polite}? Thanks in advance.',
      'Sorry to bother you, my {thing} {polite}?',
    ],
    slots: { thing: enThings, polite: enPolite },
    count: 120,
  },
  {
    label: 0,
    lang: 'en',
    patterns: ['{event} {sad}', '{good} {happy}', '{scary} {fear}'],
    slots: {
      event: enEvents,
      sad: enSadEnd,
      good: enGood,
      happy: enHappyEnd,
      scary: enScary,
      fear: enFearEnd,
    },
    count: 110,
  },
  {
    label: 1,
    lang: 'en',
    patterns: ['{people} {deed}. {reaction}', '{reaction} {people} {deed}!'],
    slots: { people: enPeople, deed: enDeeds, reaction: enReactions },
    count: 120,
  },
];

function expand(template: Template, random: () => number): string[] {
  const out = new Set<string>();
  let attempts = 0;
  while (out.size < template.count && attempts < template.count * 50) {
    attempts++;
    const pattern = template.patterns[Math.floor(random() * template.patterns.length)] ?? '';
    out.add(
      pattern.replace(/\{(\w+)\}/g, (_, slot: string) => {
        const fillers = template.slots[slot] ?? [];
        return fillers[Math.floor(random() * fillers.length)] ?? '';
      }),
    );
  }
  return [...out];
}

const random = seededRandom(2024);
const lines = ['text\tlabel\tlang'];
for (const template of templates) {
  for (const text of expand(template, random)) lines.push(`${text}\t${template.label}\t${template.lang}`);
}
writeFileSync(new URL('./templated.tsv', import.meta.url), `${lines.join('\n')}\n`);
console.log(`templated.tsv: ${lines.length - 1} rows`);
