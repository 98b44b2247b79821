import { describe, expect, it } from 'vitest';
import { linkify, markdown } from './rich-text.js';

describe('rich text', () => {
  it('turns bare http(s) links into links, leaving trailing punctuation (also Chinese) outside', () => {
    expect(linkify('见 https://shop.example.com/a?b=1。谢谢')).toEqual([
      { text: '见 ' },
      { text: 'https://shop.example.com/a?b=1', href: 'https://shop.example.com/a?b=1' },
      { text: '。谢谢' },
    ]);
  });

  it('ends a link where Chinese text follows it without a space', () => {
    expect(linkify('链接https://e.com/a谢谢')).toEqual([
      { text: '链接' },
      { text: 'https://e.com/a', href: 'https://e.com/a' },
      { text: '谢谢' },
    ]);
  });

  it('never makes a link of another scheme', () => {
    expect(linkify('javascript:alert(1) data:text/html,x')).toEqual([{ text: 'javascript:alert(1) data:text/html,x' }]);
    expect(markdown('[click](javascript:alert(1))').some((p) => p.href)).toBe(false);
  });

  it('reads the answers’ markdown subset: bold and labelled links, then bare links', () => {
    expect(markdown('**退货** 请看 [政策](https://e.com/p) 或 https://e.com/q')).toEqual([
      { text: '退货', bold: true },
      { text: ' 请看 ' },
      { text: '政策', href: 'https://e.com/p' },
      { text: ' 或 ' },
      { text: 'https://e.com/q', href: 'https://e.com/q' },
    ]);
  });
});
