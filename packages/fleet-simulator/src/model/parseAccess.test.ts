import { accessFleet, ACCOUNT_A } from '../__testUtils__/accessFleet';
import { FleetSpecError, validateFleetSpec } from './parse';

function issuesOf(document: unknown) {
  try {
    validateFleetSpec(document);
  } catch (error) {
    if (error instanceof FleetSpecError) return error.issues;
    throw error;
  }
  throw new Error('expected the fleet to be refused');
}

describe('fleet file access settings', () => {
  it('reads roles, the Config recorder and IAM denials', () => {
    const fleet = accessFleet({
      iam: { denies: [{ accountId: ACCOUNT_A, action: 'eks:ListClusters' }] },
    });
    fleet.accounts[0].configRecorder = { resourceTypes: ['AWS::EKS::Cluster'] };
    const spec = validateFleetSpec(fleet);
    expect(spec.accounts[0].configRecorder).toEqual({
      resourceTypes: ['AWS::EKS::Cluster'],
    });
    expect(spec.accounts[1].roles).toEqual(fleet.accounts[1].roles);
    expect(spec.iam).toEqual({
      denies: [{ accountId: ACCOUNT_A, action: 'eks:ListClusters' }],
    });
  });

  it('names every bad value', () => {
    const fleet = accessFleet({
      iam: { denies: [{ action: 'eks:*' }] },
    }) as any;
    fleet.accounts[0].roles = [
      { name: 'bad name' },
      { name: 'ok', externalId: 'x' },
    ];
    fleet.accounts[1].configRecorder = { resourceTypes: ['EKS::Cluster'] };
    expect(issuesOf(fleet).map(issue => issue.path)).toEqual([
      'accounts[0].roles[0].name',
      'accounts[0].roles[1].externalId',
      'accounts[1].configRecorder.resourceTypes[0]',
      'iam.denies[0].action',
    ]);
  });
});
