import {
  azComplianceOf,
  eksClusterArnsOf,
  latestSuccessfulAssessment,
} from './resilienceHubResults';

const USE1 = 'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod-use1';
const USW2 = 'arn:aws:eks:us-west-2:111122223333:cluster/payments-prod-usw2';

describe('eksClusterArnsOf', () => {
  it('lists each EKS cluster once, across its namespaces, and ignores other sources', () => {
    expect(
      eksClusterArnsOf([
        {
          importType: 'EKS',
          eksSourceClusterNamespace: {
            eksClusterArn: USE1,
            namespace: 'payments',
          },
        },
        {
          importType: 'EKS',
          eksSourceClusterNamespace: {
            eksClusterArn: USE1,
            namespace: 'kube-system',
          },
        },
        {
          importType: 'EKS',
          eksSourceClusterNamespace: {
            eksClusterArn: USW2,
            namespace: 'payments',
          },
        },
        {
          importType: 'CfnStack',
          sourceArn: 'arn:aws:cloudformation:us-east-1:111122223333:stack/x/y',
        },
        {
          importType: 'EKS',
          eksSourceClusterNamespace: {
            eksClusterArn: 'not-an-arn',
            namespace: 'x',
          },
        },
      ]),
    ).toEqual([USE1, USW2]);
  });
});

describe('latestSuccessfulAssessment', () => {
  const summary = (
    arn: string,
    status: 'Success' | 'Failed' | 'InProgress',
    end?: string,
  ) => ({
    assessmentArn: arn,
    assessmentStatus: status,
    ...(end ? { endTime: new Date(end) } : {}),
  });

  it('picks the successful one that finished last, whatever the order', () => {
    expect(
      latestSuccessfulAssessment([
        summary('a', 'Success', '2026-11-20T00:00:00Z'),
        summary('b', 'Success', '2026-11-22T00:00:00Z'),
        summary('c', 'Failed', '2026-11-23T00:00:00Z'),
        summary('d', 'InProgress'),
        summary('e', 'Success', '2026-11-21T00:00:00Z'),
      ])?.assessmentArn,
    ).toBe('b');
  });

  it('is undefined without a successful assessment', () => {
    expect(
      latestSuccessfulAssessment([
        summary('c', 'Failed', '2026-11-23T00:00:00Z'),
      ]),
    ).toBeUndefined();
    expect(latestSuccessfulAssessment([])).toBeUndefined();
  });
});

describe('azComplianceOf', () => {
  it('reads the AZ results and the AZ policy', () => {
    expect(
      azComplianceOf({
        assessmentArn: 'x',
        assessmentStatus: 'Success',
        invoker: 'System',
        compliance: {
          AZ: {
            complianceStatus: 'PolicyBreached',
            currentRtoInSecs: 7200,
            currentRpoInSecs: 900,
          },
          Region: {
            complianceStatus: 'PolicyMet',
            currentRtoInSecs: 1,
            currentRpoInSecs: 1,
          },
        },
        policy: {
          policy: {
            AZ: { rtoInSecs: 1800, rpoInSecs: 900 },
            Region: { rtoInSecs: 1, rpoInSecs: 1 },
          },
        },
      }),
    ).toEqual({
      complianceStatus: 'PolicyBreached',
      currentRtoInSecs: 7200,
      currentRpoInSecs: 900,
      policyRtoInSecs: 1800,
      policyRpoInSecs: 900,
    });
  });

  it('is undefined when the assessment has no AZ results, and omits a missing policy', () => {
    expect(
      azComplianceOf({
        assessmentArn: 'x',
        assessmentStatus: 'Success',
        invoker: 'User',
      }),
    ).toBeUndefined();
    expect(
      azComplianceOf({
        assessmentArn: 'x',
        assessmentStatus: 'Success',
        invoker: 'User',
        compliance: {
          AZ: {
            complianceStatus: 'PolicyMet',
            currentRtoInSecs: 300,
            currentRpoInSecs: 0,
          },
        },
      }),
    ).toEqual({
      complianceStatus: 'PolicyMet',
      currentRtoInSecs: 300,
      currentRpoInSecs: 0,
    });
  });
});
