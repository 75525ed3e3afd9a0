import { AwsApiError } from '../common/errors';
import { pageOf, pageOffset } from '../common/paging';
import type { RecorderScope } from './configuration-items';
import type { ItemIndex } from './item-index';
import type { Condition, SelectQuery } from './query-ast';
import { matches, projectRow, type QueryDocument } from './query-evaluator';
import { parseQuery } from './query-parser';
import { QuerySyntaxError } from './query-tokens';

export const MAX_EXPRESSION_LENGTH = 4096;

export function invalidNextToken(): AwsApiError {
  return new AwsApiError(
    'InvalidNextTokenException',
    'The specified next token is invalid. Specify the nextToken string that was returned in the previous response to get the next page of results.',
  );
}

function parse(expression: string): SelectQuery {
  try {
    return parseQuery(expression);
  } catch (error) {
    if (error instanceof QuerySyntaxError) {
      throw new AwsApiError(
        'InvalidExpressionException',
        `Invalid query expression: ${error.message}`,
      );
    }
    throw error;
  }
}

export interface SelectRequest {
  expression: string;
  pageSize: number;
  nextToken?: string;
  /** Who and where is asking (account and region, or the aggregator): binds page tokens. */
  scopeKey: string;
}

export interface SelectOutput {
  Results: string[];
  QueryInfo: { SelectFields: Array<{ Name: string }> };
  NextToken?: string;
}

/** Evaluated results kept for their next pages (results of one page are not kept). */
const CACHED_RESULTS = 64;

/**
 * Runs queries over the CIs of `index`. Each request evaluates WHERE only
 * on the candidates the index gives for it; a result longer than its page is
 * kept (by token scope, at most CACHED_RESULTS, least recently used out) for
 * its next pages while the index's generation says the model is unchanged.
 * Results, order and tokens are those of evaluating the query over every CI.
 */
export function createSelect(index: ItemIndex) {
  const results = new Map<
    string,
    { generation: number; rows: QueryDocument[] }
  >();

  function evaluate(
    tokenScope: string,
    scope: RecorderScope | undefined,
    where: Condition | undefined,
  ): QueryDocument[] {
    const candidates = index.candidates(scope, where);
    // Read after `candidates`, which notices changes to them.
    const generation = index.generation();
    const kept = results.get(tokenScope);
    results.delete(tokenScope);
    if (kept?.generation === generation) {
      results.set(tokenScope, kept);
      return kept.rows;
    }
    const rows = candidates
      .map(candidate => candidate.document)
      .filter(document => !where || matches(where, document));
    results.set(tokenScope, { generation, rows });
    if (results.size > CACHED_RESULTS)
      results.delete(results.keys().next().value!);
    return rows;
  }

  /** Runs `request` over the CIs in `scope` (the whole fleet when undefined). */
  return function runSelect(
    scope: RecorderScope | undefined,
    request: SelectRequest,
  ): SelectOutput {
    const query = parse(request.expression);
    const tokenScope = `select\n${request.scopeKey}\n${request.expression}`;
    const offset = pageOffset(request.nextToken, tokenScope, invalidNextToken);
    const rows = evaluate(tokenScope, scope, query.where);
    const page = pageOf(rows, offset, request.pageSize, tokenScope);
    if (!page.nextToken) results.delete(tokenScope);
    return {
      Results: page.items.map(row =>
        JSON.stringify(projectRow(row, query.fields)),
      ),
      QueryInfo: {
        SelectFields: query.fields.map(field => ({ Name: field.join('.') })),
      },
      NextToken: page.nextToken,
    };
  };
}
