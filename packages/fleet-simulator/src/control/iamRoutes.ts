/**
 * Control routes for IAM as the simulator plays it: `PUT iam` replaces the
 * denials (`{"denies": [{accountId?, roleName?, action}]}`), `GET iam` lists
 * them; `GET aws-requests` reads the request log by principal and IAM
 * action, `GET aws-requests/by-action` sums it per IAM action (benchmarks
 * compare clients by the calls they make), `DELETE aws-requests` clears it.
 * Both reads add `handlerMs`: per IAM action, the simulator's own time
 * handling those requests.
 */
import { readIamDeny } from '../model/parseAccess';
import type { ControlApiOptions } from './api';
import { readBody, type Route } from './requests';

export function iamRoutes(
  options: Pick<ControlApiOptions, 'iam'>,
): Record<string, Route> {
  const { iam } = options;
  if (!iam) return {};
  return {
    'GET iam': () => ({ body: { denies: iam.denies() } }),
    'PUT iam': body => {
      const denies = readBody(body, (r, value) => {
        const fields = r.object(value, '', ['denies']);
        if (!fields) return undefined;
        return r.list(
          fields,
          'denies',
          '',
          (item, at) => readIamDeny(r, item, at),
          { required: true },
        );
      });
      iam.setDenies(denies);
      return { body: { denies: iam.denies() } };
    },
    'GET aws-requests': () => ({
      body: { requests: iam.awsRequests(), handlerMs: iam.awsHandlerMs() },
    }),
    'GET aws-requests/by-action': () => {
      const actions: Record<string, number> = {};
      let total = 0;
      for (const line of iam.awsRequests()) {
        actions[line.action] = (actions[line.action] ?? 0) + line.count;
        total += line.count;
      }
      const sorted = Object.keys(actions).sort();
      return {
        body: {
          total,
          actions: Object.fromEntries(sorted.map(a => [a, actions[a]])),
          handlerMs: iam.awsHandlerMs(),
        },
      };
    },
    'DELETE aws-requests': () => {
      iam.clearAwsRequests();
      return { body: { requests: [] } };
    },
  };
}
