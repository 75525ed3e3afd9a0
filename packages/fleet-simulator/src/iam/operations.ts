/**
 * The IAM action of an AWS request: `<service prefix>:<Operation>`, read
 * from the request the way each protocol names its operation: the
 * `X-Amz-Target` header (awsJson: Config, SQS), the `Action` parameter
 * (awsQuery: STS), or the method and path (restJson1: EKS, Resilience Hub,
 * ARC). Every service the simulator serves uses its signing name as its IAM
 * prefix. A request for an operation the simulator does not serve has none.
 */
import type { SimRequest } from '../http';
import { queryParameters } from '../sts/wire';

const TARGET_PREFIXES: Record<string, string> = {
  config: 'StarlingDoveService.',
  sqs: 'AmazonSQS.',
};

/** restJson1 routes: `METHOD /path` with `{}` for each path label. */
const REST_OPERATIONS: Record<string, Record<string, string>> = {
  eks: {
    'GET /clusters': 'ListClusters',
    'GET /clusters/{}': 'DescribeCluster',
    'POST /clusters/{}/update-config': 'UpdateClusterConfig',
    'GET /clusters/{}/updates': 'ListUpdates',
    'GET /clusters/{}/updates/{}': 'DescribeUpdate',
  },
  resiliencehub: {
    'GET /list-apps': 'ListApps',
    'POST /list-app-input-sources': 'ListAppInputSources',
    'GET /list-app-assessments': 'ListAppAssessments',
    'POST /describe-app-assessment': 'DescribeAppAssessment',
  },
  'arc-zonal-shift': {
    'POST /zonalshifts': 'StartZonalShift',
    'GET /zonalshifts': 'ListZonalShifts',
    'PATCH /zonalshifts/{}': 'UpdateZonalShift',
    'DELETE /zonalshifts/{}': 'CancelZonalShift',
    'GET /managedresources': 'ListManagedResources',
    'GET /managedresources/{}': 'GetManagedResource',
    'PUT /managedresources/{}': 'UpdateZonalAutoshiftConfiguration',
    'GET /autoshifts': 'ListAutoshifts',
    'POST /configuration': 'CreatePracticeRunConfiguration',
    'PATCH /configuration/{}': 'UpdatePracticeRunConfiguration',
    'DELETE /configuration/{}': 'DeletePracticeRunConfiguration',
    'POST /practiceruns': 'StartPracticeRun',
    'DELETE /practiceruns/{}': 'CancelPracticeRun',
  },
};

function header(request: SimRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The operation a request asks `signingName` for; undefined when the simulator serves no such operation. */
export function operationOf(
  signingName: string,
  request: SimRequest,
): string | undefined {
  const targetPrefix = TARGET_PREFIXES[signingName];
  if (targetPrefix) {
    const target = header(request, 'x-amz-target');
    if (!target?.startsWith(targetPrefix)) return undefined;
    const operation = target.slice(targetPrefix.length);
    return /^[A-Za-z]+$/.test(operation) ? operation : undefined;
  }
  if (signingName === 'sts') {
    const action = queryParameters(request).get('Action');
    return action && /^[A-Za-z]+$/.test(action) ? action : undefined;
  }
  const routes = REST_OPERATIONS[signingName];
  if (!routes) return undefined;
  const segments = request.url.pathname.replace(/\/+$/, '').split('/');
  if (segments.slice(1).some(segment => segment === '')) return undefined;
  for (const [key, operation] of Object.entries(routes)) {
    const [method, pattern] = key.split(' ');
    const parts = pattern.split('/');
    if (
      method === request.method &&
      parts.length === segments.length &&
      parts.every((part, i) => part === '{}' || part === segments[i])
    ) {
      return operation;
    }
  }
  return undefined;
}

/** `<prefix>:<Operation>` (the prefix is the signing name), or undefined. */
export function iamActionOf(
  signingName: string,
  request: SimRequest,
): string | undefined {
  const operation = operationOf(signingName, request);
  return operation ? `${signingName}:${operation}` : undefined;
}
