import type {
  Condition,
  Literal,
  PropertyPath,
  SelectQuery,
} from './query-ast';
import { QuerySyntaxError, Token, tokenize } from './query-tokens';
import {
  KEYWORDS,
  NOT_SIMULATED,
  PROPERTIES,
  REFUSED_BY_CONFIG,
  SELECT_ALL,
} from './query-vocabulary';

/**
 * Parser for the part of the AWS Config advanced query language the
 * simulator runs:
 *
 *   SELECT * | property [, property ...]
 *   [WHERE condition]
 *
 *   condition  := term [OR term ...]
 *   term       := factor [AND factor ...]
 *   factor     := NOT factor | '(' condition ')' | comparison
 *   comparison := property = value
 *               | property [NOT] IN (value [, value ...])
 *               | property [NOT] LIKE 'prefix%'
 *   value      := 'string' | number | TRUE | FALSE
 *
 * Properties are the configuration item's: `resourceType`, `tags.key`,
 * `configuration.ResourcesVpcConfig.SubnetIds`, ... Keywords are
 * case-insensitive, property names are not. What Config itself refuses
 * (FROM, JOIN, DISTINCT, AS, ALL, HAVING, UNION, NULL queries, prefix
 * wildcards, wildcard prefixes under three characters) is refused with
 * Config's reason; what Config has but the simulator does not (aggregates,
 * GROUP BY, ORDER BY, BETWEEN, <, >) is refused saying so.

/** Deep enough for any real query; bounds recursion on hostile input. */
const MAX_NESTING = 32;

function upper(token: Token): string | undefined {
  return token.kind === 'word' ? token.text.toUpperCase() : undefined;
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the query';
    case 'string':
      return `the string '${token.value.replace(/'/g, "''")}'`;
    case 'number':
      return `the number ${token.text}`;
    default:
      return `'${token.text}'`;
  }
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): SelectQuery {
    this.expectKeyword('SELECT');
    const fields = this.selectList();
    let where: Condition | undefined;
    if (upper(this.peek()) === 'WHERE') {
      this.next();
      where = this.condition();
    }
    if (this.peek().kind !== 'end') {
      this.fail(this.peek(), "',', WHERE or the end of the query");
    }
    return { fields, where };
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  private isPunctuation(text: string): boolean {
    const token = this.peek();
    return token.kind === 'punctuation' && token.text === text;
  }

  private fail(token: Token, expected: string): never {
    const word = upper(token);
    if (word && REFUSED_BY_CONFIG[word]) {
      throw new QuerySyntaxError(REFUSED_BY_CONFIG[word], token.position);
    }
    if (word && NOT_SIMULATED.has(word)) {
      throw new QuerySyntaxError(
        `${word} is valid in AWS Config but not supported by the fleet simulator`,
        token.position,
      );
    }
    if (token.kind === 'operator') {
      throw new QuerySyntaxError(
        `The comparison operator ${token.text} is not supported by the fleet simulator (use =, IN or LIKE)`,
        token.position,
      );
    }
    throw new QuerySyntaxError(
      `Expected ${expected} but found ${describe(token)}`,
      token.position,
    );
  }

  private expectKeyword(keyword: string): void {
    const token = this.next();
    if (upper(token) !== keyword) this.fail(token, keyword);
  }

  private expectPunctuation(text: string, expected: string): void {
    const token = this.next();
    if (token.kind !== 'punctuation' || token.text !== text)
      this.fail(token, expected);
  }

  private selectList(): PropertyPath[] {
    if (this.isPunctuation('*')) {
      this.next();
      return SELECT_ALL.map(name => [name]);
    }
    const fields = [this.property('select')];
    while (this.isPunctuation(',')) {
      this.next();
      fields.push(this.property('select'));
    }
    return fields;
  }

  private property(use: 'select' | 'where'): PropertyPath {
    const first = this.next();
    if (first.kind !== 'word' || KEYWORDS.has(first.text.toUpperCase())) {
      this.fail(first, 'a property such as resourceId or configuration.Name');
    }
    if (this.isPunctuation('('))
      this.fail(first, 'a property (functions are not supported)');
    const kind = PROPERTIES[first.text];
    if (kind === undefined) {
      if (
        REFUSED_BY_CONFIG[first.text.toUpperCase()] ||
        NOT_SIMULATED.has(first.text.toUpperCase())
      ) {
        this.fail(first, 'a property');
      }
      throw new QuerySyntaxError(
        `Unknown property '${first.text}' (properties: ${Object.keys(
          PROPERTIES,
        ).join(', ')})`,
        first.position,
      );
    }
    const path = [first.text];
    while (this.isPunctuation('.')) {
      this.next();
      const segment = this.next();
      if (segment.kind !== 'word')
        this.fail(segment, `a property name after '${path.join('.')}.'`);
      path.push(segment.text);
    }
    if (kind === 'scalar' && path.length > 1) {
      throw new QuerySyntaxError(
        `'${first.text}' has no nested properties`,
        first.position,
      );
    }
    if (Array.isArray(kind) && path.length > 1) {
      if (path.length > 2 || !kind.includes(path[1])) {
        throw new QuerySyntaxError(
          `Unknown property '${path.join('.')}' (${first.text} has ${kind.join(
            ', ',
          )})`,
          first.position,
        );
      }
      if (use === 'select' && path[1] === 'tag') {
        throw new QuerySyntaxError(
          "'tags.tag' can only be used in WHERE conditions; select 'tags'",
          first.position,
        );
      }
    }
    return path;
  }

  private nested<T>(parse: () => T): T {
    this.depth += 1;
    if (this.depth > MAX_NESTING) {
      throw new QuerySyntaxError(
        'The condition is nested too deeply',
        this.peek().position,
      );
    }
    try {
      return parse();
    } finally {
      this.depth -= 1;
    }
  }

  private condition(): Condition {
    const operands = [this.term()];
    while (upper(this.peek()) === 'OR') {
      this.next();
      operands.push(this.term());
    }
    return operands.length === 1 ? operands[0] : { kind: 'or', operands };
  }

  private term(): Condition {
    const operands = [this.factor()];
    while (upper(this.peek()) === 'AND') {
      this.next();
      operands.push(this.factor());
    }
    return operands.length === 1 ? operands[0] : { kind: 'and', operands };
  }

  private factor(): Condition {
    if (upper(this.peek()) === 'NOT') {
      this.next();
      return { kind: 'not', operand: this.nested(() => this.factor()) };
    }
    if (this.isPunctuation('(')) {
      this.next();
      const inner = this.nested(() => this.condition());
      this.expectPunctuation(')', "')'");
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Condition {
    const property = this.property('where');
    const operator = this.next();
    if (operator.kind === 'punctuation' && operator.text === '=') {
      return { kind: 'equals', property, value: this.literal() };
    }
    const word = upper(operator);
    if (word === 'NOT') {
      const negated = this.next();
      if (upper(negated) !== 'IN' && upper(negated) !== 'LIKE')
        this.fail(negated, 'IN or LIKE after NOT');
      return { kind: 'not', operand: this.membershipOrLike(negated, property) };
    }
    if (word === 'IN' || word === 'LIKE')
      return this.membershipOrLike(operator, property);
    return this.fail(operator, `=, IN or LIKE after '${property.join('.')}'`);
  }

  private membershipOrLike(operator: Token, property: PropertyPath): Condition {
    if (upper(operator) === 'LIKE') {
      const pattern = this.next();
      if (pattern.kind !== 'string')
        this.fail(pattern, 'a quoted pattern after LIKE');
      return likeCondition(property, pattern.value, pattern.position);
    }
    this.expectPunctuation('(', "'(' after IN");
    const values = [this.literal()];
    while (this.isPunctuation(',')) {
      this.next();
      values.push(this.literal());
    }
    this.expectPunctuation(')', "',' or ')' in the IN list");
    return { kind: 'in', property, values };
  }

  private literal(): Literal {
    const token = this.next();
    if (token.kind === 'string') return token.value;
    if (token.kind === 'number') return token.value;
    const word = upper(token);
    if (word === 'TRUE') return true;
    if (word === 'FALSE') return false;
    return this.fail(
      token,
      'a value (a string in single quotes, a number, TRUE or FALSE)',
    );
  }
}

/** Config's LIKE: wildcards (`%`, `_`) only at the end, after at least three characters. */
function likeCondition(
  property: PropertyPath,
  pattern: string,
  position: number,
): Condition {
  const firstWildcard = pattern.search(/[%_]/);
  if (firstWildcard < 0) return { kind: 'equals', property, value: pattern };
  const prefix = pattern.slice(0, firstWildcard);
  const suffix = pattern.slice(firstWildcard);
  if (/[^%_]/.test(suffix)) {
    throw new QuerySyntaxError(
      "LIKE supports only suffix wildcards: '%' and '_' (both wildcards) may appear only at the end of the pattern",
      position,
    );
  }
  if (prefix.length < 3) {
    throw new QuerySyntaxError(
      'LIKE patterns need at least three characters before the wildcard',
      position,
    );
  }
  return {
    kind: 'like',
    property,
    prefix,
    singles: suffix.split('_').length - 1,
    open: suffix.includes('%'),
  };
}

/** Parses a query expression; throws QuerySyntaxError with a helpful message. */
export function parseQuery(expression: string): SelectQuery {
  return new Parser(tokenize(expression)).parse();
}
