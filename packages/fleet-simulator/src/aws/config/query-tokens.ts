/**
 * Tokenizer for the AWS Config advanced query language (a subset of SQL
 * SELECT). String literals are single-quoted with `''` standing for one
 * quote, so a value that was escaped before being interpolated stays a single
 * literal and can never become query syntax.
 */

export type Punctuation = ',' | '.' | '(' | ')' | '=' | '*';

export type Token =
  /** Identifiers and keywords: `[A-Za-z_][A-Za-z0-9_]*`. */
  | { kind: 'word'; text: string; position: number }
  | { kind: 'string'; value: string; position: number }
  | { kind: 'number'; value: number; text: string; position: number }
  | { kind: 'punctuation'; text: Punctuation; position: number }
  /** Comparison operators Config has but the simulator does not (<, >, <=, >=, <>, !=). */
  | { kind: 'operator'; text: string; position: number }
  | { kind: 'end'; position: number };

/** A query the simulator cannot run; `position` is a 0-based character offset. */
export class QuerySyntaxError extends Error {
  constructor(message: string, readonly position: number) {
    super(`${message} (at character ${position + 1})`);
    this.name = 'QuerySyntaxError';
  }
}

const PUNCTUATION = new Set<string>([',', '.', '(', ')', '=', '*']);
const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /-?\d+(\.\d+)?/y;
const OPERATOR = /<=|>=|<>|!=|<|>/y;

function matchAt(
  pattern: RegExp,
  text: string,
  position: number,
): string | undefined {
  pattern.lastIndex = position;
  return pattern.exec(text)?.[0];
}

/** Reads a single-quoted literal starting at `start` (the opening quote). */
function readString(
  text: string,
  start: number,
): { value: string; next: number } {
  let value = '';
  let position = start + 1;
  for (;;) {
    const quote = text.indexOf("'", position);
    if (quote < 0) {
      throw new QuerySyntaxError('Unterminated string literal', start);
    }
    value += text.slice(position, quote);
    if (text[quote + 1] === "'") {
      value += "'";
      position = quote + 2;
    } else {
      return { value, next: quote + 1 };
    }
  }
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < text.length) {
    const char = text[position];
    if (/\s/.test(char)) {
      position += 1;
      continue;
    }
    if (char === "'") {
      const { value, next } = readString(text, position);
      tokens.push({ kind: 'string', value, position });
      position = next;
      continue;
    }
    if (char === '"' || char === '`') {
      throw new QuerySyntaxError(
        `Unexpected ${char}: string values take single quotes (write ' inside a value as '')`,
        position,
      );
    }
    const word = matchAt(WORD, text, position);
    if (word) {
      tokens.push({ kind: 'word', text: word, position });
      position += word.length;
      continue;
    }
    const number = matchAt(NUMBER, text, position);
    if (number) {
      tokens.push({
        kind: 'number',
        value: Number(number),
        text: number,
        position,
      });
      position += number.length;
      continue;
    }
    const operator = matchAt(OPERATOR, text, position);
    if (operator) {
      tokens.push({ kind: 'operator', text: operator, position });
      position += operator.length;
      continue;
    }
    if (PUNCTUATION.has(char)) {
      tokens.push({ kind: 'punctuation', text: char as Punctuation, position });
      position += 1;
      continue;
    }
    throw new QuerySyntaxError(`Unexpected character '${char}'`, position);
  }
  tokens.push({ kind: 'end', position: text.length });
  return tokens;
}
