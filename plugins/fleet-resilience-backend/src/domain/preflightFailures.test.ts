import { ForwardedError } from '@backstage/errors';
import {
  deniedAction,
  describeProbeError,
  failureKind,
  probeErrorOf,
  type ProbeError,
} from './preflightFailures';

function named(name: string, message: string, extra: object = {}) {
  return Object.assign(new Error(message), { name }, extra);
}

describe('probeErrorOf', () => {
  it('takes the service’s error under a wrapper, with its HTTP status', () => {
    const aws = named(
      'AccessDeniedException',
      'User: arn:aws:sts::111122223333:assumed-role/fleet-resilience-reader/s is not authorized to perform: eks:DescribeCluster on resource: arn:aws:eks:us-east-1:111122223333:cluster/a',
      { $metadata: { httpStatusCode: 403 } },
    );
    expect(
      probeErrorOf(
        new ForwardedError('EKS cluster x could not be described', aws),
      ),
    ).toEqual({
      name: 'AccessDeniedException',
      message: aws.message,
      statusCode: 403,
    });
  });

  it('keeps a system error code from the cause chain', () => {
    const cause = Object.assign(
      new Error('connect ECONNREFUSED 10.0.0.1:443'),
      {
        code: 'ECONNREFUSED',
      },
    );
    const error = new TypeError('fetch failed', { cause });
    expect(probeErrorOf(error)).toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
      code: 'ECONNREFUSED',
    });
  });

  it('turns anything thrown into one bounded line', () => {
    expect(probeErrorOf('plain\n text')).toEqual({
      name: 'Error',
      message: 'plain text',
    });
    expect(probeErrorOf(new Error('x'.repeat(2000))).message).toHaveLength(500);
  });

  it('survives a cause cycle', () => {
    const a: Error & { cause?: unknown } = named('A', 'a');
    a.cause = a;
    expect(probeErrorOf(a).name).toBe('A');
  });
});

describe('failureKind', () => {
  const error = (
    name: string,
    extra: Partial<ProbeError> = {},
  ): ProbeError => ({
    name,
    message: 'm',
    ...extra,
  });
  it.each<[ProbeError, ReturnType<typeof failureKind>]>([
    [error('AccessDeniedException'), 'access-denied'],
    [error('AccessDenied'), 'access-denied'],
    [
      error('Other', {
        message: 'User: x is not authorized to perform: sts:AssumeRole',
      }),
      'access-denied',
    ],
    [error('Error', { statusCode: 403 }), 'access-denied'],
    [error('UnrecognizedClientException'), 'bad-credentials'],
    [error('InvalidClientTokenId'), 'bad-credentials'],
    [error('ExpiredToken'), 'bad-credentials'],
    [error('Error', { statusCode: 401 }), 'bad-credentials'],
    [error('NoSuchConfigurationAggregatorException'), 'not-found'],
    [error('ResourceNotFoundException'), 'not-found'],
    [error('Error', { statusCode: 404 }), 'not-found'],
    [error('ThrottlingException'), 'throttled'],
    [error('Error', { statusCode: 429 }), 'throttled'],
    [error('TypeError', { message: 'fetch failed' }), 'unreachable'],
    [error('Error', { code: 'ECONNREFUSED' }), 'unreachable'],
    [error('Error', { code: 'ENOTFOUND' }), 'unreachable'],
    [error('Error', { code: 'ETIMEDOUT' }), 'timeout'],
    [error('TimeoutError'), 'timeout'],
    [error('ArcZonalShiftTimeoutError'), 'timeout'],
    [error('Error', { message: 'no answer within 10 ms' }), 'timeout'],
    [
      error('Error', {
        message: 'the Kubernetes API did not answer within 30000 ms',
      }),
      'timeout',
    ],
    [error('InternalFailure', { statusCode: 500 }), 'other'],
  ])('%j is %s', (input, kind) => {
    expect(failureKind(input)).toBe(kind);
  });
});

describe('deniedAction', () => {
  it('reads the action AWS named, else the fallback', () => {
    const denied = {
      name: 'AccessDeniedException',
      message:
        'User: arn:aws:sts::1:assumed-role/r/s is not authorized to perform: arc-zonal-shift:ListManagedResources on resource: *',
    };
    expect(deniedAction(denied, 'x:Y')).toBe(
      'arc-zonal-shift:ListManagedResources',
    );
    expect(
      deniedAction(
        { name: 'AccessDenied', message: 'Access denied' },
        'eks:DescribeCluster',
      ),
    ).toBe('eks:DescribeCluster');
  });
});

describe('describeProbeError', () => {
  it('names the error, the status and the code once', () => {
    expect(
      describeProbeError({
        name: 'AccessDeniedException',
        message: 'no',
        statusCode: 403,
      }),
    ).toBe('AccessDeniedException (HTTP 403): no');
    expect(
      describeProbeError({
        name: 'TypeError',
        message: 'fetch failed',
        code: 'ECONNREFUSED',
      }),
    ).toBe('TypeError: fetch failed [ECONNREFUSED]');
    expect(describeProbeError({ name: 'Error', message: 'plain' })).toBe(
      'plain',
    );
  });
});
