import {
  MAX_TAGS,
  REPLACEMENT_CHARACTER,
  isStorable,
  storableTags,
  storableText,
} from './storableText';

describe('storableText', () => {
  it('keeps ordinary text of every script as it is', () => {
    for (const text of ['AZ impaired', 'tab\tand\nnewline', '区域 🚨', '']) {
      expect(storableText(text)).toBe(text);
      expect(isStorable(text)).toBe(true);
    }
  });

  it('replaces every NUL by U+FFFD', () => {
    expect(storableText('\u0000a\u0000\u0000b')).toBe(
      `${REPLACEMENT_CHARACTER}a${REPLACEMENT_CHARACTER}${REPLACEMENT_CHARACTER}b`,
    );
    expect(isStorable('a\u0000')).toBe(false);
  });

  it('replaces unpaired surrogates and keeps pairs', () => {
    expect(storableText('\ud800x\udfff🚨')).toBe(
      `${REPLACEMENT_CHARACTER}x${REPLACEMENT_CHARACTER}🚨`,
    );
  });

  it('cuts text longer than the limit, counting code points, ending in …', () => {
    expect(storableText('abcdef', 4)).toBe('abc…');
    expect(storableText('abcd', 4)).toBe('abcd');
    // 4 emoji are 8 UTF-16 code units but 4 characters for varchar(4).
    expect(storableText('🚨🚨🚨🚨', 4)).toBe('🚨🚨🚨🚨');
    expect([...storableText('🚨'.repeat(5), 4)]).toHaveLength(4);
    expect(storableText('abc', 0)).toBe('');
    expect(isStorable('abcdef', 4)).toBe(false);
  });
});

describe('storableTags', () => {
  it('cleans keys and values and bounds their length', () => {
    const result = storableTags({
      'team\u0000': 'pay\u0000ments',
      long: 'v'.repeat(300),
    });
    expect(result.dropped).toBe(0);
    expect(result.cleaned).toBe(2);
    expect(result.tags[`team${REPLACEMENT_CHARACTER}`]).toBe(
      `pay${REPLACEMENT_CHARACTER}ments`,
    );
    expect([...result.tags.long]).toHaveLength(256);
  });

  it(`keeps at most ${MAX_TAGS} tags and counts the rest`, () => {
    const many = Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => [
        `k${String(i).padStart(2, '0')}`,
        'v',
      ]),
    );
    const result = storableTags(many);
    expect(Object.keys(result.tags)).toHaveLength(MAX_TAGS);
    expect(result.dropped).toBe(10);
    expect(result.tags.k00).toBe('v');
    expect(result.tags.k59).toBeUndefined();
  });

  it('keeps the first of keys that collide once cleaned', () => {
    const result = storableTags({ 'a\u0000': '1', 'a\ud800': '2' });
    expect(result.tags).toEqual({ [`a${REPLACEMENT_CHARACTER}`]: '1' });
    expect(result.dropped).toBe(1);
  });

  it('stores a key named __proto__ as a tag, not as the prototype', () => {
    const tags = JSON.parse('{"__proto__":"x","constructor":"y"}');
    const result = storableTags(tags);
    expect(Object.getPrototypeOf(result.tags)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(result.tags))).toEqual(tags);
  });
});
