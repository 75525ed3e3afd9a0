import {
  forLog,
  problemsByCluster,
  shown,
  summariseProblems,
  type DataProblem,
} from './dataProblems';

const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/payments';

describe('data problems', () => {
  const problems: DataProblem[] = [
    {
      resource: 'zonal shift "a"',
      clusterArn: ARN,
      kind: 'rejected',
      message: 'awayFrom is not an AZ ID',
    },
    {
      resource: ARN,
      clusterArn: ARN,
      kind: 'cleaned',
      message: 'version cleaned',
    },
    { resource: 'subnet "s"', kind: 'rejected', message: 'zone is not an AZ' },
  ];

  it('counts each kind and keeps a few messages', () => {
    expect(summariseProblems(problems, 2)).toEqual({
      rejected: 2,
      cleaned: 1,
      messages: [
        'zonal shift "a": awayFrom is not an AZ ID',
        `${ARN}: version cleaned`,
      ],
    });
  });

  it('groups the problems of each cluster, without repeating its ARN', () => {
    expect(problemsByCluster(problems)).toEqual({
      [ARN]: ['zonal shift "a": awayFrom is not an AZ ID', 'version cleaned'],
    });
  });

  it('shows an untrusted value quoted, cleaned and short', () => {
    expect(shown('a\u0000b')).toBe('"a\uFFFDb"');
    expect(shown('x'.repeat(100))).toHaveLength(62);
    expect(shown(undefined)).toBe('"undefined"');
  });

  it('escapes control characters for a log line, so none can forge a line', () => {
    expect(forLog('a\nb\u0000c\u001b[31m')).toBe(
      'a\\u000ab\\u0000c\\u001b[31m',
    );
    expect(forLog('plain 🚨')).toBe('plain 🚨');
  });
});
