/** The parsed form of an AWS Config query: what query-parser.ts builds and query-evaluator.ts runs. */

export type PropertyPath = readonly string[];
export type Literal = string | number | boolean;

export type Condition =
  | { kind: 'and' | 'or'; operands: Condition[] }
  | { kind: 'not'; operand: Condition }
  | { kind: 'equals'; property: PropertyPath; value: Literal }
  | { kind: 'in'; property: PropertyPath; values: Literal[] }
  | {
      kind: 'like';
      property: PropertyPath;
      /** The literal part before the wildcards. */
      prefix: string;
      /** Characters `_` in the wildcard suffix: each matches exactly one character. */
      singles: number;
      /** Whether the suffix has a `%` (any number of further characters). */
      open: boolean;
    };

export interface SelectQuery {
  /** Selected properties, in order; `SELECT *` is expanded to SELECT_ALL. */
  fields: PropertyPath[];
  where?: Condition;
}
