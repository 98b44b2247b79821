import { compactMessage } from './normalize.js';

export type SmallTalk = 'greeting' | 'thanks';

const GREETINGS = new Set(
  [
    '你好',
    '您好',
    '你好呀',
    '哈喽',
    '嗨',
    '在吗',
    '在不在',
    '有人吗',
    '在么',
    '你好在吗',
    '您好在吗',
    'hi',
    'hello',
    'hey',
    'hiya',
    'goodmorning',
    'goodafternoon',
    'goodevening',
    'hellothere',
    'anyonethere',
  ].map(compactMessage),
);

const THANKS = new Set(
  [
    '谢谢',
    '谢谢你',
    '谢谢您',
    '多谢',
    '感谢',
    '好的谢谢',
    '好的',
    '好',
    '嗯',
    '嗯嗯',
    '知道了',
    '明白了',
    '收到',
    '没问题了',
    'thanks',
    'thankyou',
    'thx',
    'ty',
    'ok',
    'okay',
    'okthanks',
    'great',
    'gotit',
    'cool',
  ].map(compactMessage),
);

/** A message that is only a greeting or a thank-you: answered politely, neither a question nor a miss. */
export function detectSmallTalk(text: string): SmallTalk | null {
  const key = compactMessage(text);
  if (GREETINGS.has(key)) return 'greeting';
  if (THANKS.has(key)) return 'thanks';
  return null;
}
