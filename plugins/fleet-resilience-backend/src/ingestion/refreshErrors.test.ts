import { ForwardedError } from '@backstage/errors';
import { classifyRefreshError, ShownRefreshError } from './refreshErrors';

const aws = (name: string, httpStatusCode: number, message = 'details') =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });
const node = (code: string, message: string) =>
  Object.assign(new Error(message), { code });

describe('classifyRefreshError', () => {
  it.each([
    [
      aws('AccessDeniedException', 403),
      'access denied (check the role and its permissions)',
    ],
    [
      aws('UnrecognizedClientException', 400),
      'access denied (check the role and its permissions)',
    ],
    [
      aws('ExpiredTokenException', 400),
      'access denied (check the role and its permissions)',
    ],
    [
      Object.assign(new Error('x'), { statusCode: 401 }),
      'access denied (check the role and its permissions)',
    ],
    [aws('ThrottlingException', 400), 'throttled'],
    [aws('TooManyRequestsException', 429), 'throttled'],
    [Object.assign(new Error('x'), { name: 'TimeoutError' }), 'timed out'],
    [node('ETIMEDOUT', 'connect ETIMEDOUT 10.0.0.1:443'), 'timed out'],
    [node('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:443'), 'unreachable'],
    [node('ENOTFOUND', 'getaddrinfo ENOTFOUND api.internal'), 'unreachable'],
    [node('SELF_SIGNED_CERT_IN_CHAIN', 'self signed'), 'unreachable'],
    [
      aws('NoSuchConfigurationAggregatorException', 400),
      'not found (check the configuration)',
    ],
    [
      aws('ResourceNotFoundException', 404),
      'not found (check the configuration)',
    ],
    [aws('InternalServerException', 500), 'service error'],
    [aws('ValidationException', 400), 'request refused'],
    [
      Object.assign(new Error('HTTP-Code: 500'), { code: 500 }),
      'service error',
    ],
    [
      Object.assign(new Error('HTTP-Code: 403'), { code: 403 }),
      'access denied (check the role and its permissions)',
    ],
    [
      // As the node package's reader words it.
      Object.assign(
        new Error(
          'Kubernetes API of arn:aws:eks:us-east-1:111122223333:cluster/a is not used: http://x',
        ),
        { name: 'KubernetesClusterReadError' },
      ),
      'endpoint not used (see the backend log)',
    ],
    [new Error('something else'), 'read failed'],
    ['a string', 'read failed'],
    [undefined, 'read failed'],
  ])('classifies %p as "%s"', (error, kind) => {
    expect(classifyRefreshError(error, 'ARC')).toBe(`ARC: ${kind}`);
  });

  it('follows the cause chain (ForwardedError around the SDK error)', () => {
    const error = new ForwardedError(
      'ARC zonal shift state could not be read in 111122223333/us-east-1',
      aws(
        'AccessDeniedException',
        403,
        'User arn:aws:iam::1:role/x is not authorized',
      ),
    );
    expect(classifyRefreshError(error, 'ARC')).toBe(
      'ARC: access denied (check the role and its permissions)',
    );
  });

  it('survives a cause cycle', () => {
    const a: Error & { cause?: unknown } = new Error('a');
    a.cause = a;
    expect(classifyRefreshError(a, 'ARC')).toBe('ARC: read failed');
  });

  it('says only "database write failed" for a write, never the SQL', () => {
    const sql = new Error(
      'insert into "shifts" ("comment") values ($1) - invalid byte sequence for encoding "UTF8": 0x00',
    );
    expect(classifyRefreshError(sql, 'ARC', 'write')).toBe(
      'database write failed',
    );
  });

  it("shows the refresher's own messages as they are", () => {
    expect(
      classifyRefreshError(
        new ShownRefreshError('no endpoint'),
        'Kubernetes API',
      ),
    ).toBe('no endpoint');
  });

  it('never repeats the error text', () => {
    const secret = 'postgresql://user:hunter2@db/x SELECT * FROM clusters';
    for (const phase of ['read', 'write'] as const) {
      expect(
        classifyRefreshError(new Error(secret), 'ARC', phase),
      ).not.toContain('hunter2');
    }
  });
});
