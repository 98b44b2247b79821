import type { DialogLanguage } from './language.js';
import { hasHan } from './normalize.js';
import type { HandoffReason } from './policy.js';

/** The bot's own sentences in both languages; knowledge-base answers come from the knowledge base. */
export interface BotTexts {
  defaultName: string;
  greeting(name: string): string;
  suggest(questions: readonly string[]): string;
  rephrase(handoffKeyword: string): string;
  unhelpful(handoffKeyword: string): string;
  smallTalk(kind: 'greeting' | 'thanks'): string;
  handoff(reason: HandoffReason): string;
  /** The customer asked the bot for help while waiting in a full queue: they keep their place. */
  assistWhileQueued(handoffKeyword: string): string;
}

const numbered = (questions: readonly string[]) => questions.map((q, i) => `${i + 1}. ${q}`).join('\n');

const ZH: BotTexts = {
  defaultName: '智能助手',
  greeting: (name) => `您好，我是${name}，请问有什么可以帮您？`,
  suggest: (questions) => `您是想问以下问题吗？回复序号即可：\n${numbered(questions)}`,
  rephrase: (keyword) => `抱歉，我没有理解您的问题。可以换个说法再问一次，或者回复“${keyword}”联系人工客服。`,
  unhelpful: (keyword) => `抱歉没能帮到您。可以换个说法描述您的问题，或者回复“${keyword}”联系人工客服。`,
  smallTalk: (kind) => (kind === 'greeting' ? '您好，请问有什么可以帮您？' : '不客气，还有其他问题随时问我。'),
  handoff: (reason) =>
    ({
      requested: '好的，正在为您转接人工客服，请稍候。',
      angry: '非常抱歉给您带来不好的体验，正在为您转接人工客服，请稍候。',
      entry: '这个问题需要人工客服为您处理，正在为您转接，请稍候。',
      misses: '抱歉没能帮到您，正在为您转接人工客服，请稍候。',
      low_confidence: '抱歉没能帮到您，正在为您转接人工客服，请稍候。',
    })[reason],
  assistWhileQueued: (keyword) =>
    `人工客服正忙，我先来帮您解答。您的排队位置保持不变，轮到您时人工客服会接手；也可以随时回复“${keyword}”。`,
};

const EN: BotTexts = {
  defaultName: 'Assistant',
  greeting: (name) => `Hi, I'm ${name}, the virtual assistant. How can I help?`,
  suggest: (questions) => `Did you mean one of these? Reply with its number:\n${numbered(questions)}`,
  rephrase: (keyword) =>
    `Sorry, I didn't understand that. Could you put it another way? Or reply "${keyword}" to talk to a person.`,
  unhelpful: (keyword) =>
    `Sorry that didn't help. Could you describe it another way? Or reply "${keyword}" to talk to a person.`,
  smallTalk: (kind) => (kind === 'greeting' ? 'Hi! How can I help?' : "You're welcome. Ask me anytime."),
  handoff: (reason) =>
    ({
      requested: "Sure, I'm connecting you with a person. One moment, please.",
      angry: "I'm sorry about this. I'm connecting you with a person right away.",
      entry: "A person will take care of this. I'm connecting you now.",
      misses: "Sorry I couldn't help. I'm connecting you with a person. One moment, please.",
      low_confidence: "Sorry I couldn't help. I'm connecting you with a person. One moment, please.",
    })[reason],
  assistWhileQueued: (keyword) =>
    `Our team is busy, so I'll try to help meanwhile. You keep your place in the queue and a person takes over when it's your turn; you can also reply "${keyword}" anytime.`,
};

export function botTexts(language: DialogLanguage): BotTexts {
  return language === 'zh-CN' ? ZH : EN;
}

/** The hand-off keyword to mention in the customer's language (the inbox's first one in that script). */
export function handoffKeywordFor(language: DialogLanguage, keywords: readonly string[]): string {
  const zh = language === 'zh-CN';
  return keywords.find((k) => hasHan(k) === zh) ?? (zh ? '转人工' : 'human');
}

export interface HandoffSummary {
  reason: HandoffReason;
  /** Customer messages the bot handled. */
  turns: number;
  lastQuestion: string | null;
}

const ZH_REASONS: Record<HandoffReason, string> = {
  requested: '客户要求转人工',
  low_confidence: '机器人无法回答',
  misses: '多次未解决',
  angry: '客户情绪激动',
  entry: '知识库条目要求人工处理',
};
const EN_REASONS: Record<HandoffReason, string> = {
  requested: 'the customer asked for a person',
  low_confidence: 'the bot could not answer',
  misses: 'repeated misses',
  angry: 'the customer is upset',
  entry: 'the answer calls for a person',
};

const clip = (s: string) => (s.length > 120 ? `${s.slice(0, 119)}…` : s);

/** The line agents read first when a conversation comes from the bot: why, and what happened before. */
export function handoffSummaryText(language: DialogLanguage, s: HandoffSummary): string {
  if (language === 'zh-CN') {
    const last = s.lastQuestion ? `，最后的问题：“${clip(s.lastQuestion)}”` : '';
    return `机器人转人工（${ZH_REASONS[s.reason]}）：${s.turns} 轮机器人对话${last}`;
  }
  const last = s.lastQuestion ? `, last question: "${clip(s.lastQuestion)}"` : '';
  return `Bot handed off (${EN_REASONS[s.reason]}): ${s.turns} bot turn${s.turns === 1 ? '' : 's'}${last}`;
}
