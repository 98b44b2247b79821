import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_DIR } from './index.js';
import { missingModelFiles } from './model-files.js';
import { loadTokenizer } from './onnx-embedder.js';
import { parseVocab, WordPieceTokenizer } from './wordpiece.js';

// Expected ids were checked against Hugging Face `tokenizers` 0.23 (BertNormalizer with lower-casing) on this vocab.
describe('WordPiece tokenizer on the bge-small-zh-v1.5 vocabulary', () => {
  let tokenizer: WordPieceTokenizer;

  beforeAll(async () => {
    const missing = await missingModelFiles(DEFAULT_MODEL_DIR);
    if (missing.length > 0) throw new Error(`bot model missing in ${DEFAULT_MODEL_DIR}: run \`npm run bot:model\``);
    tokenizer = await loadTokenizer(DEFAULT_MODEL_DIR);
  });

  it('splits Chinese into single characters and punctuation, between [CLS] and [SEP]', () => {
    expect(tokenizer.encode('花呗怎么还款？', 128)).toEqual({
      ids: [101, 5709, 1446, 2582, 720, 6820, 3621, 8043, 102],
      truncated: false,
    });
  });

  it('lower-cases English and splits words into WordPiece pieces', () => {
    expect(tokenizer.encode('How do I reset my password?', 128).ids).toEqual([
      101, 9510, 8895, 151, 8847, 9852, 8422, 9703, 10184, 136, 102,
    ]);
    expect(tokenizer.encode('iPhone 15 Pro Max 多少钱', 128).ids).toEqual([
      101, 8210, 8115, 8376, 8621, 1914, 2208, 7178, 102,
    ]);
  });

  it('strips accents', () => {
    expect(tokenizer.tokenIds('Café naïve résumé')).toEqual(tokenizer.tokenIds('cafe naive resume'));
    expect(tokenizer.tokenIds('Café naïve résumé')).toEqual([8377, 11469, 8857, 8847, 11442, 8505]);
  });

  it('maps unknown characters and over-long words to [UNK]', () => {
    expect(tokenizer.unkId).toBe(100);
    expect(tokenizer.encode('emoji 😀 test', 128).ids).toEqual([101, 13152, 8167, 9343, 100, 10060, 102]);
    expect(tokenizer.encode('x'.repeat(120), 128).ids).toEqual([101, 100, 102]);
  });

  it('drops control characters and treats any whitespace as a separator', () => {
    expect(tokenizer.tokenIds('hello\tworld\u0000')).toEqual(tokenizer.tokenIds('hello world'));
  });

  it('truncates long texts to the maximum length, keeping their start and the closing [SEP]', () => {
    const long = '我想咨询一下退款的问题'.repeat(40);
    const encoding = tokenizer.encode(long, 128);
    expect(encoding.truncated).toBe(true);
    expect(encoding.ids).toHaveLength(128);
    expect(encoding.ids[0]).toBe(101);
    expect(encoding.ids.at(-1)).toBe(102);
    expect(encoding.ids.slice(1, 12)).toEqual(tokenizer.tokenIds('我想咨询一下退款的问题'));
  });

  it('encodes the empty text as [CLS] [SEP]', () => {
    expect(tokenizer.encode('', 128)).toEqual({ ids: [101, 102], truncated: false });
  });
});

describe('WordPiece on a small vocabulary', () => {
  const vocab = parseVocab(
    ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'un', '##aff', '##able', 'runn', '##ing', ','].join('\n'),
  );
  const tokenizer = new WordPieceTokenizer(vocab, { lowercase: true, stripAccents: true, maxCharsPerWord: 100 });

  it('takes the longest known prefix first, then ## continuations', () => {
    expect(tokenizer.tokenIds('unaffable, running')).toEqual([4, 5, 6, 9, 7, 8]);
  });

  it('turns a word with an unknown piece into a single [UNK]', () => {
    expect(tokenizer.tokenIds('unknowable')).toEqual([1]);
  });
});
