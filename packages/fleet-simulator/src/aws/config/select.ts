import { AwsApiError } from '../common/errors';
import { pageOf, pageOffset } from '../common/paging';
import { ConfigurationItem, queryDocument } from './configuration-items';
import { matches, projectRow, resourceTypesMatchedBy } from './query-evaluator';
import type { SelectQuery } from './query-ast';
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

/**
 * Runs a query over the CIs `items` returns; `items` gets the resource types
 * the query can match (undefined: all), so a query for clusters does not
 * build every subnet's CI.
 */
export function runSelect(
  items: (types?: ReadonlySet<string>) => ConfigurationItem[],
  request: SelectRequest,
): SelectOutput {
  const query = parse(request.expression);
  const tokenScope = `select\n${request.scopeKey}\n${request.expression}`;
  const offset = pageOffset(request.nextToken, tokenScope, invalidNextToken);
  const rows = items(resourceTypesMatchedBy(query.where))
    .map(queryDocument)
    .filter(document => !query.where || matches(query.where, document));
  const page = pageOf(rows, offset, request.pageSize, tokenScope);
  return {
    Results: page.items.map(row =>
      JSON.stringify(projectRow(row, query.fields)),
    ),
    QueryInfo: {
      SelectFields: query.fields.map(field => ({ Name: field.join('.') })),
    },
    NextToken: page.nextToken,
  };
}
