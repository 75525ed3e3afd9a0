import { NotFoundError } from '@backstage/errors';
import { ApiException } from '@kubernetes/client-node';
import { KubernetesConflictError } from '../sources/types';
import { KubernetesClusterReadError } from './KubernetesApiClusterReader';
import { KubernetesClusterWriteError } from './KubernetesApiClusterWriter';
import {
  classifyKubernetesFailure,
  kubernetesFailureKind,
} from './kubernetesFailure';

const api = (code: number, message: string) =>
  new ApiException(code, 'failed', JSON.stringify({ message }), {});

describe('kubernetesFailureKind', () => {
  it.each<[string, unknown, string]>([
    ['403 from the API server', api(403, 'x'), 'forbidden'],
    ['401', api(401, 'x'), 'unauthorized'],
    ['429', api(429, 'x'), 'throttled'],
    ['503', api(503, 'x'), 'server-error'],
    ['422', api(422, 'x'), 'invalid'],
    [
      'a read error wrapping a 403',
      new KubernetesClusterReadError(
        'NodePools of arn at https://10.0.0.1 could not be read: HTTP 403: no',
        api(403, 'no'),
      ),
      'forbidden',
    ],
    [
      'a write error with its status',
      new KubernetesClusterWriteError('NodePool x could not be patched', 500),
      'server-error',
    ],
    ['a conflict', new KubernetesConflictError('changed'), 'conflict'],
    ['a missing object', new NotFoundError('gone'), 'not-found'],
    [
      'fetch failed',
      new KubernetesClusterReadError(
        'could not be read',
        Object.assign(new TypeError('fetch failed'), {
          cause: new Error('connect ECONNREFUSED 10.0.0.1:443'),
        }),
      ),
      'unreachable',
    ],
    [
      'a timeout',
      new KubernetesClusterReadError(
        'x',
        Object.assign(new Error('The operation was aborted due to timeout'), {
          name: 'TimeoutError',
        }),
      ),
      'timeout',
    ],
    [
      'an endpoint not used',
      new KubernetesClusterReadError(
        'Kubernetes API of arn:aws:eks:us-east-1:1:cluster/c is not used: the API server URL must use https',
      ),
      'endpoint-not-used',
    ],
    ['no token', new Error('no bearer token for arn'), 'no-token'],
    [
      'a list without items',
      new Error('a list answer has no items'),
      'invalid-answer',
    ],
    ['anything else', new Error('boom'), 'unknown'],
    ['not an error', 'boom', 'unknown'],
  ])('%s', (_name, error, kind) => {
    expect(kubernetesFailureKind(error)).toBe(kind);
  });

  it('never reads the API server’s own words: a 500 whose message mimics another class stays a 500', () => {
    const error = new KubernetesClusterReadError(
      'could not be read: HTTP 500: fetch failed; no bearer token',
      api(500, 'fetch failed'),
    );
    expect(kubernetesFailureKind(error)).toBe('server-error');
  });
});

describe('classifyKubernetesFailure', () => {
  it('says the class, optionally after what failed, and nothing of the error’s text', () => {
    const error = new KubernetesClusterReadError(
      'NodePools of arn at https://10.0.0.1:443 could not be read: HTTP 403: nodepools is forbidden: User "x"',
      api(403, 'nodepools is forbidden: User "x"'),
    );
    expect(
      classifyKubernetesFailure(error, 'The NodePools could not be listed'),
    ).toBe(
      "The NodePools could not be listed: forbidden by the cluster's Kubernetes RBAC (403)",
    );
    expect(classifyKubernetesFailure(new Error('https://secret'))).toBe(
      'the Kubernetes API call failed (see the backend log)',
    );
  });
});
