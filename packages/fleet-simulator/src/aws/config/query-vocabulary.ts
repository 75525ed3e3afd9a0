/**
 * The words of the AWS Config query language as the simulator knows them:
 * the properties of a configuration item, the keywords, and the words Config
 * refuses or the simulator does not run.
 */

/** What `SELECT *` selects: the top-level scalar properties of a configuration item. */
export const SELECT_ALL: readonly string[] = [
  'accountId',
  'awsRegion',
  'arn',
  'availabilityZone',
  'configurationItemCaptureTime',
  'resourceCreationTime',
  'resourceId',
  'resourceName',
  'resourceType',
  'version',
];

/** Top-level properties: scalars, free-form structures, or lists with known members. */
export const PROPERTIES: Record<
  string,
  'scalar' | 'structure' | readonly string[]
> = {
  accountId: 'scalar',
  arn: 'scalar',
  availabilityZone: 'scalar',
  awsRegion: 'scalar',
  configurationItemCaptureTime: 'scalar',
  configurationItemStatus: 'scalar',
  configurationStateId: 'scalar',
  resourceCreationTime: 'scalar',
  resourceId: 'scalar',
  resourceName: 'scalar',
  resourceType: 'scalar',
  version: 'scalar',
  configuration: 'structure',
  supplementaryConfiguration: 'structure',
  relationships: [
    'resourceId',
    'resourceName',
    'resourceType',
    'relationshipName',
  ],
  // `tags.tag` is `key=value`, a search key only: rows show tags as {key, value}.
  tags: ['key', 'value', 'tag'],
};

export const KEYWORDS = new Set([
  'SELECT',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'IN',
  'LIKE',
  'TRUE',
  'FALSE',
]);

export const REFUSED_BY_CONFIG: Record<string, string> = {
  FROM: 'AWS Config queries have no FROM clause: they always run over the configuration items',
  JOIN: 'AWS Config queries do not support JOIN',
  DISTINCT: 'AWS Config queries do not support DISTINCT',
  AS: 'AWS Config queries do not support AS (aliases)',
  ALL: 'AWS Config queries do not support ALL',
  HAVING: 'AWS Config queries do not support HAVING',
  UNION: 'AWS Config queries do not support UNION',
  NULL: 'AWS Config queries do not support NULL value queries',
  IS: 'AWS Config queries do not support NULL value queries (IS NULL)',
};

export const NOT_SIMULATED = new Set([
  'GROUP',
  'ORDER',
  'BY',
  'ASC',
  'DESC',
  'BETWEEN',
  'LIMIT',
  'COUNT',
  'SUM',
  'AVG',
  'MIN',
  'MAX',
]);
