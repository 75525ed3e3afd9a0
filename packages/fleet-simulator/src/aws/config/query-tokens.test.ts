import { QuerySyntaxError, tokenize } from './query-tokens';

describe('tokenize', () => {
  it('splits words, punctuation, strings and numbers with their positions', () => {
    expect(tokenize("SELECT a.b, c WHERE x = 'v' AND n = -1.5")).toEqual([
      { kind: 'word', text: 'SELECT', position: 0 },
      { kind: 'word', text: 'a', position: 7 },
      { kind: 'punctuation', text: '.', position: 8 },
      { kind: 'word', text: 'b', position: 9 },
      { kind: 'punctuation', text: ',', position: 10 },
      { kind: 'word', text: 'c', position: 12 },
      { kind: 'word', text: 'WHERE', position: 14 },
      { kind: 'word', text: 'x', position: 20 },
      { kind: 'punctuation', text: '=', position: 22 },
      { kind: 'string', value: 'v', position: 24 },
      { kind: 'word', text: 'AND', position: 28 },
      { kind: 'word', text: 'n', position: 32 },
      { kind: 'punctuation', text: '=', position: 34 },
      { kind: 'number', value: -1.5, text: '-1.5', position: 36 },
      { kind: 'end', position: 40 },
    ]);
  });

  it("reads '' inside a string as one quote, keeping the whole literal one token", () => {
    const tokens = tokenize(
      "'it''s' 'x'' OR resourceType = ''AWS::EC2::Subnet'",
    );
    expect(tokens.map(t => t.kind)).toEqual(['string', 'string', 'end']);
    expect(tokens[0]).toMatchObject({ value: "it's" });
    expect(tokens[1]).toMatchObject({
      value: "x' OR resourceType = 'AWS::EC2::Subnet",
    });
  });

  it('keeps keywords, operators and wildcards inside strings as text', () => {
    const [token] = tokenize("'a,b (c) = * % _ <> SELECT'");
    expect(token).toEqual({
      kind: 'string',
      value: 'a,b (c) = * % _ <> SELECT',
      position: 0,
    });
  });

  it('reads empty strings and a string made only of an escaped quote', () => {
    expect(tokenize("'' ''''").slice(0, 2)).toEqual([
      { kind: 'string', value: '', position: 0 },
      { kind: 'string', value: "'", position: 3 },
    ]);
  });

  it('refuses an unterminated string, pointing at its opening quote', () => {
    expect(() => tokenize("x = 'abc")).toThrow(QuerySyntaxError);
    expect(() => tokenize("x = 'abc")).toThrow(
      /Unterminated string literal \(at character 5\)/,
    );
    // An escaped quote at the end does not close the string.
    expect(() => tokenize("x = 'abc''")).toThrow(/Unterminated/);
  });

  it('refuses double quotes and backticks with a hint to use single quotes', () => {
    expect(() => tokenize('x = "v"')).toThrow(/single quotes/);
    expect(() => tokenize('x = `v`')).toThrow(/single quotes/);
  });

  it('refuses characters that are no part of the language', () => {
    for (const text of ["x = 'a'; DROP", 'x = 1 -- comment', 'x = @p', 'x/y']) {
      expect(() => tokenize(text)).toThrow(/Unexpected character/);
    }
  });

  it('tokenizes comparison operators so the parser can name them', () => {
    expect(
      tokenize('a <> b != c <= d >= e < f > g').filter(
        t => t.kind === 'operator',
      ),
    ).toEqual(
      ['<>', '!=', '<=', '>=', '<', '>'].map(text =>
        expect.objectContaining({ kind: 'operator', text }),
      ),
    );
  });
});
