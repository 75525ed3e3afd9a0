import { summary } from '../__fixtures__/clusters';
import { catalogEntityPath, clusterDocument } from './clusterDocument';

describe('clusterDocument', () => {
  it('makes one document with every searchable fact in words and as fields', () => {
    const document = clusterDocument(summary('payments-prod-use1'));
    expect(document).toEqual({
      title: 'payments-prod-use1',
      text: [
        'Amazon EKS cluster payments-prod-use1 in AWS account 111122223333, region us-east-1.',
        'Kubernetes version 1.33, status ACTIVE.',
        'Owner: payments-team.',
        'System: payments.',
        'Availability Zones: us-east-1a (use1-az1), us-east-1b (use1-az2), us-east-1c (use1-az4).',
        'No zonal shift is active. Zonal autoshift is enabled.',
        'It can lose any one Availability Zone (N-1: survives). Every AZ can be lost with at least 120% of requests covered.',
        'AZ readiness is not assessed yet (readiness: unknown).',
        'ARN: arn:aws:eks:us-east-1:111122223333:cluster/payments-prod-use1.',
      ].join('\n'),
      location:
        '/catalog/default/resource/payments-prod-use1-us-east-1-111122223333',
      clusterArn:
        'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod-use1',
      clusterName: 'payments-prod-use1',
      accountId: '111122223333',
      region: 'us-east-1',
      version: '1.33',
      zones: [
        'us-east-1a',
        'use1-az1',
        'us-east-1b',
        'use1-az2',
        'us-east-1c',
        'use1-az4',
      ],
      owner: 'payments-team',
      system: 'payments',
      shiftState: 'none',
      verdict: 'survives',
      readiness: 'unknown',
      readinessScore: 0,
      entityRef: 'resource:default/payments-prod-use1-us-east-1-111122223333',
      authorization: {
        resourceRef:
          'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod-use1',
      },
    });
  });

  it('names the away AZ by name and ID, the expiry and the comment of an active shift', () => {
    const { text, shiftState } = clusterDocument(
      summary('c', {
        shiftState: 'zonal-shift',
        activeShift: {
          zonalShiftId: 'zs-1',
          resourceIdentifier: 'arn:aws:eks:us-east-1:111122223333:cluster/c',
          awayFrom: 'use1-az2',
          status: 'ACTIVE',
          shiftType: 'ZONAL_SHIFT',
          startTime: '2026-11-22T08:00:00.000Z',
          expiryTime: '2026-11-22T10:00:00.000Z',
          comment: 'AZ impairment INC-42',
        },
      }),
    );
    expect(shiftState).toBe('zonal-shift');
    expect(text).toContain(
      'A zonal shift is active: traffic is shifted away from us-east-1b (use1-az2) until 2026-11-22T10:00:00.000Z. Comment: AZ impairment INC-42',
    );
  });

  it.each([
    ['autoshift', 'A zonal autoshift is active'],
    ['practice-run', 'A zonal autoshift practice run is active'],
    ['fis-experiment', 'An AWS FIS experiment zonal shift is active'],
  ] as const)('words the %s state', (shiftState, words) => {
    expect(clusterDocument(summary('c', { shiftState })).text).toContain(words);
  });

  it('says zonal shift is not enabled, rather than unknown, when EKS says so', () => {
    const disabled = clusterDocument(
      summary('c', {
        shiftState: 'unknown',
        zonalShiftEnabled: false,
        autoshiftStatus: undefined,
      }),
    );
    const unknown = clusterDocument(
      summary('c', {
        shiftState: 'unknown',
        zonalShiftEnabled: undefined,
        autoshiftStatus: undefined,
      }),
    );
    expect(disabled.text).toContain(
      'Zonal shift is not enabled on this cluster.',
    );
    expect(unknown.text).toContain('Zonal shift state is unknown.');
    expect(unknown.text).not.toContain('autoshift');
  });

  it('words an at-risk verdict with its tightest AZ', () => {
    const { text, verdict } = clusterDocument(
      summary('c', {
        survivability: {
          verdict: 'at-risk',
          reason: 'Losing us-east-1a leaves 78% of CPU requests covered',
          bindingZone: { name: 'us-east-1a', id: 'use1-az1' },
        },
      }),
    );
    expect(verdict).toBe('at-risk');
    expect(text).toContain(
      'It cannot lose one Availability Zone without running short of capacity (N-1: at risk). The tightest loss is us-east-1a (use1-az1). Losing us-east-1a leaves 78% of CPU requests covered.',
    );
  });

  it('carries the readiness verdict and score, and says which checks fail or warn', () => {
    const document = clusterDocument(
      summary('c', {
        readiness: {
          verdict: 'not-ready',
          score: 44,
          failing: ['zonal-shift', 'workload-spread'],
          warning: ['zonal-autoshift'],
          workloadsAtRisk: 3,
        },
      }),
    );
    expect(document.readiness).toBe('notready');
    expect(document.readinessScore).toBe(44);
    expect(document.text).toContain(
      'AZ readiness: not ready (readiness: notready, score 44 of 100). Failing checks: Zonal shift enabled; Workloads survive the loss of one AZ. Warnings: Zonal autoshift enabled. 3 workloads at risk of losing one Availability Zone.',
    );
  });

  it.each([
    ['ready', 'AZ readiness: ready (readiness: ready, score 100 of 100).'],
    ['at-risk', 'AZ readiness: at risk (readiness: atrisk, score 100 of 100).'],
    [
      'unknown',
      'AZ readiness: unknown (readiness: unknown, score 100 of 100).',
    ],
  ] as const)('words the readiness verdict %s', (verdict, words) => {
    const document = clusterDocument(
      summary('c', {
        readiness: {
          verdict,
          score: 100,
          failing: [],
          warning: [],
          workloadsAtRisk: 0,
        },
      }),
    );
    expect(document.readiness).toBe(verdict.replace('-', ''));
    expect(document.text.split('\n')).toContain(words);
  });

  it('words an unknown verdict', () => {
    expect(
      clusterDocument(
        summary('c', { survivability: { verdict: 'unknown', reason: '' } }),
      ).text,
    ).toContain(
      'Whether it can lose an Availability Zone is unknown (N-1: unknown).',
    );
  });

  it('fills filter fields with empty strings and still finds a page when facts are missing', () => {
    const document = clusterDocument(
      summary('c', {
        entityRef: undefined,
        version: undefined,
        status: undefined,
        owner: undefined,
        system: undefined,
        zones: [],
      }),
    );
    expect(document).toMatchObject({
      version: '',
      owner: '',
      system: '',
      entityRef: '',
      zones: [],
      location:
        '/catalog?filters[kind]=resource&filters[type]=kubernetes-cluster&filters[text]=c',
    });
    expect(document.text).toContain('Kubernetes version unknown.');
    expect(document.text).toContain('Owner: not tagged.');
    expect(document.text).toContain('Availability Zones: unknown.');
    expect(document.text).not.toContain('System:');
  });
});

describe('catalogEntityPath', () => {
  it('lowercases and encodes the parts of a full ref', () => {
    expect(catalogEntityPath('Resource:Default/My.Cluster_1')).toBe(
      '/catalog/default/resource/my.cluster_1',
    );
    expect(catalogEntityPath('resource:default/a b')).toBe(
      '/catalog/default/resource/a%20b',
    );
  });

  it.each(['resource/x', 'x', 'resource:default/x/y', ''])(
    'rejects %j',
    ref => {
      expect(catalogEntityPath(ref)).toBeUndefined();
    },
  );
});
