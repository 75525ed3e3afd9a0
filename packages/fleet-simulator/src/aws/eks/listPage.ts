/**
 * The paging of EKS's List* operations (ListClusters, ListUpdates):
 * `maxResults` 1 to 100 (default 100) and a `nextToken` bound to what it
 * lists, each refused as EKS refuses it (InvalidParameterException).
 */
import { AwsApiError } from '../common/errors';
import { constraintError, queryInteger } from '../common/input';
import { pageOf, pageOffset, type Page } from '../common/paging';

const MAX_PAGE = 100;

/** The page of `items` the query asks for; `scope` binds its tokens. */
export function eksListPage<T>(url: URL, items: T[], scope: string): Page<T> {
  const maxResults = queryInteger(url, 'maxResults');
  if (maxResults !== undefined && (maxResults < 1 || maxResults > MAX_PAGE)) {
    throw constraintError(
      'maxResults',
      maxResults,
      `Member must have value between 1 and ${MAX_PAGE}`,
      'InvalidParameterException',
    );
  }
  const offset = pageOffset(
    url.searchParams.get('nextToken'),
    scope,
    () =>
      new AwsApiError(
        'InvalidParameterException',
        'The specified nextToken is not valid.',
      ),
  );
  return pageOf(items, offset, maxResults ?? MAX_PAGE, scope);
}
