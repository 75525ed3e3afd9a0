import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { AwsClients } from '@fleet-resilience/plugin-fleet-resilience-node';
import type { PreflightProbes } from './probes';
import { PREFLIGHT_TASK_ID, setUpPreflight } from './setUpPreflight';

const ACCOUNT = '111122223333';

describe('setUpPreflight', () => {
  it('schedules a local start-up run on every replica that fills the report', async () => {
    const scheduler = mockServices.scheduler.mock();
    const probes: PreflightProbes = {
      callerIdentity: async (role, target) => ({
        arn: `arn:aws:sts::${target.accountId}:assumed-role/fleet-resilience-${role}/s`,
      }),
      configRecorders: async () => [],
      hasConfigResource: async () => true,
      listManagedResources: async () => 0,
      describeCluster: async () => ({ zonalShiftEnabled: true }),
      reviewAccess: async (_role, _target, requests) => ({
        ok: true,
        decisions: requests.map(() => ({ allowed: true })),
      }),
    };
    const preflight = await setUpPreflight({
      config: new ConfigReader({
        aws: { accountDefaults: { roleName: 'fleet-resilience-reader' } },
        fleetResilience: {
          aws: { operatorRole: { roleName: 'fleet-resilience-operator' } },
          inventory: {
            awsConfig: {
              aggregator: {
                accountId: ACCOUNT,
                region: 'us-east-1',
                name: 'agg',
              },
            },
          },
        },
      }),
      logger: mockServices.logger.mock(),
      scheduler,
      clients: {} as AwsClients,
      clusters: async () => [],
      probes,
    });
    expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
    const task = scheduler.scheduleTask.mock.calls[0][0];
    expect(task).toMatchObject({
      id: PREFLIGHT_TASK_ID,
      scope: 'local',
      initialDelay: { seconds: 10 },
    });
    expect(preflight.report().state).toBe('never-run');
    await task.fn(new AbortController().signal);
    expect(preflight.report()).toMatchObject({
      state: 'done',
      summary: { pass: 3, warn: 0, fail: 0, skipped: 0 },
    });
    // No cluster known yet: the accounts and the aggregator.
    expect(preflight.report().checks.map(c => c.id)).toEqual([
      'credentials',
      'credentials',
      'config.aggregator',
    ]);
  });
});
