import { describe, expect, it } from 'vitest';
import { createTokenizer, stemEnglish } from './index.js';

describe('tokenizer', () => {
  it('keeps a user-dictionary product word whole in Chinese text', () => {
    const plain = createTokenizer();
    const withProduct = createTokenizer({ userDictionary: ['蚂蚁花呗'] });
    expect(plain.words('蚂蚁花呗怎么还款')).not.toContain('蚂蚁花呗');
    expect(withProduct.words('蚂蚁花呗怎么还款')).toEqual(['蚂蚁花呗', '怎么', '还款']);
  });

  it('adds character bigrams for Chinese retrieval terms', () => {
    const terms = createTokenizer().terms('退款到账');
    expect(terms).toContain('退款');
    expect(terms.filter((t) => t.endsWith('款到'))).toHaveLength(1);
  });

  it('normalises English: case, full-width forms, punctuation, plurals and verb forms', () => {
    const tokenizer = createTokenizer();
    expect(tokenizer.words('Cancel my CARDS!')).toEqual(tokenizer.words('cancel my card'));
    expect(tokenizer.words('ＣＡＲＤ')).toEqual(['card']);
    expect(stemEnglish('charged')).toBe(stemEnglish('charging'));
    expect(stemEnglish('charges')).toBe(stemEnglish('charge'));
    expect(stemEnglish('activation')).toBe(stemEnglish('activate'));
  });

  it('drops English stopwords from retrieval terms but not from words', () => {
    const tokenizer = createTokenizer();
    expect(tokenizer.terms('Where is the card')).toEqual([stemEnglish('where'), 'card']);
    expect(tokenizer.words('Where is the card')).toEqual([stemEnglish('where'), 'is', 'the', 'card']);
  });

  it('handles mixed text and empty input', () => {
    const tokenizer = createTokenizer({ userDictionary: ['花呗'] });
    expect(tokenizer.terms('')).toEqual([]);
    expect(tokenizer.words('How to pay 花呗 bills?')).toEqual(['how', 'to', 'pay', '花呗', 'bill']);
  });
});
