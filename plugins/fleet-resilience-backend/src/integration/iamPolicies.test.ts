/**
 * Least privilege, checked against what the code does: every AWS operation
 * the production sources can call (the AWS SDK commands they import, the
 * operations of the project's ARC client they call) is exercised against the
 * simulator by the real code paths, configured as production is (the
 * backend's own identity assumes fleet-resilience-reader and
 * fleet-resilience-operator through @backstage/integration-aws-node, STS at
 * the simulator), and the simulator's request log, by principal, must match
 * examples/iam exactly: each role called only what its policy allows, each
 * policy allows nothing its role did not call, the reader never changed ARC.
 *
 * The exercises are a list: a new code path that calls AWS adds its own.
 */
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
  type TestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createManualClock,
  DEFAULT_AGGREGATOR,
  SIMULATOR_SECRET_ACCESS_KEY,
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import { fleetClusterPath } from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  AwsClientFactory,
  AwsConfigInventorySource,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import request from 'supertest';
import { API, DEMO_FLEET } from '../__testUtils__/fleetBackend';
import { fleetResiliencePlugin } from '../plugin';
import { runPreflightCli } from '../preflight/cli';
import {
  eventually,
  reconciled,
  refreshed,
} from '../reconciler/__testUtils__/reconcilerBackend';
import {
  actionMatches,
  allowedPatterns,
  allows,
  collectOperations,
  readPolicy,
  type Policy,
} from '../__testUtils__/iamOperations';

jest.setTimeout(240_000);

const PROD = '111122223333';
const SHARED = '444455556666';
const READER = 'fleet-resilience-reader';
const OPERATOR = 'fleet-resilience-operator';
const BACKEND_KEY = 'AKIABACKENDPODSIMU01';
const PAYMENTS_USE1 = `arn:aws:eks:us-east-1:${PROD}:cluster/payments-prod-use1`;

/** Needs no permission (AWS: GetCallerIdentity works even under an explicit deny). */
const NO_PERMISSION = new Set(['sts:GetCallerIdentity']);
/** IAM actions that authorize part of another call and are no API of their own. */
const PERMISSION_ONLY = new Set(['sts:TagSession']);
const ARC_WRITES = [
  'arc-zonal-shift:StartZonalShift',
  'arc-zonal-shift:UpdateZonalShift',
  'arc-zonal-shift:CancelZonalShift',
  'arc-zonal-shift:UpdateZonalAutoshiftConfiguration',
  'arc-zonal-shift:CreatePracticeRunConfiguration',
  'arc-zonal-shift:UpdatePracticeRunConfiguration',
];
/** Every call that changes AWS: the operator's, and only the operator's. */
const WRITES = [...ARC_WRITES, 'eks:UpdateClusterConfig'];
const PLATFORM_TOOLS_USE1 = `arn:aws:eks:us-east-1:${PROD}:cluster/platform-tools-use1`;
const PAYMENTS_USW2 = `arn:aws:eks:us-west-2:${PROD}:cluster/payments-prod-usw2`;

/** Production's shape (examples/app-config.production.yaml), every endpoint at the simulator. */
function productionConfig(sim: RunningSimulator) {
  return {
    aws: {
      mainAccount: {
        accessKeyId: BACKEND_KEY,
        secretAccessKey: SIMULATOR_SECRET_ACCESS_KEY,
      },
      accountDefaults: { roleName: READER },
    },
    fleetResilience: {
      aws: {
        endpoints: {
          config: sim.url,
          arc: sim.url,
          resiliencehub: sim.url,
          eks: sim.url,
        },
        operatorRole: { roleName: OPERATOR, externalId: 'fleet-ops-1' },
        maxAttempts: 2,
      },
      inventory: {
        awsConfig: {
          aggregator: {
            accountId: PROD,
            region: 'us-east-1',
            name: DEFAULT_AGGREGATOR,
          },
        },
      },
      events: {
        sqs: {
          queueUrl: sim.arcEventQueueUrl(),
          region: 'us-east-1',
          endpoint: sim.url,
          waitTimeSeconds: 1,
        },
      },
      kubernetes: { allowInsecureEndpoints: true, maxAttempts: 2 },
      refresh: {
        manualCooldown: { milliseconds: 0 },
        aws: {
          schedule: { frequency: { minutes: 10 }, timeout: { minutes: 2 } },
        },
        kubernetes: {
          schedule: { frequency: { minutes: 10 }, timeout: { minutes: 2 } },
        },
      },
      reconciler: {
        pollInterval: { milliseconds: 500 },
        lease: { seconds: 12 },
        clusterTimeout: { seconds: 5 },
        inventoryRefresh: { seconds: 1 },
        kickCheckInterval: { milliseconds: 50 },
      },
      readiness: { followUpdatesEvery: { seconds: 1 } },
    },
  };
}

interface Context {
  sim: RunningSimulator;
  backend: TestBackend;
  data: ReturnType<typeof productionConfig>;
  config: ConfigReader;
}

const asUser = {
  Authorization: mockCredentials.user.header('user:default/platform-admin'),
};
const shifts = `${API}${fleetClusterPath(PAYMENTS_USE1)}/shifts`;

/** The real code paths that call AWS, in order. */
const EXERCISES: Array<{ name: string; run: (c: Context) => Promise<void> }> = [
  {
    name: 'a full refresh: inventory through the aggregator, ARC, Resilience Hub, EKS, Kubernetes',
    run: async ({ backend }) => refreshed(backend),
  },
  {
    name: 'the reconciler converges (ARC observed, NodePools listed, ARC events polled)',
    run: async ({ backend }) => {
      await reconciled(backend, PAYMENTS_USE1, s => s.state === 'converged');
    },
  },
  {
    name: 'a shift started, extended and cancelled, the NodePools patched and restored',
    run: async ({ backend }) => {
      const http = () => request(backend.server);
      const started = await http()
        .post(shifts)
        .set(asUser)
        .set('Idempotency-Key', 'iam-policies-start')
        .send({ awayFrom: 'use1-az4', expiresIn: '1h', comment: 'iam' })
        .expect(201);
      const id = started.body.shift.zonalShiftId as string;
      const narrowed = await reconciled(backend, PAYMENTS_USE1, s =>
        s.awayZoneIds.includes('use1-az4'),
      );
      if (!narrowed.nodePools.some(p => p.outcome === 'patched')) {
        throw new Error(`No NodePool patched: ${JSON.stringify(narrowed)}`);
      }
      await http()
        .patch(`${shifts}/${id}`)
        .set(asUser)
        .send({ extendBy: '30m' })
        .expect(200);
      await http().delete(`${shifts}/${id}`).set(asUser).expect(200);
      await reconciled(
        backend,
        PAYMENTS_USE1,
        s => s.awayZoneIds.length === 0 && s.state === 'converged',
      );
    },
  },
  {
    name: 'readiness fixes: zonal shift turned on (its EKS update followed), practice runs created and updated, autoshift on and off',
    run: async ({ backend, sim }) => {
      const http = () => request(backend.server);
      const fix = (arn: string, body: object) =>
        http()
          .post(`${API}${fleetClusterPath(arn)}/readiness-fixes`)
          .set(asUser)
          .send({ comment: 'iam', ...body })
          .expect(200);
      const started = await fix(PLATFORM_TOOLS_USE1, {
        fix: 'enable-zonal-shift',
      });
      sim.advance(61_000);
      const query = `${API}/audit?cluster=${encodeURIComponent(
        PLATFORM_TOOLS_USE1,
      )}&action=readiness.zonal-shift.enable&outcome=success`;
      await eventually(
        async () =>
          (await http().get(query).set(asUser)).body.items?.length > 0
            ? true
            : undefined,
        30_000,
        `EKS update ${started.body.update?.updateId} followed`,
      );
      const alarm = `arn:aws:cloudwatch:us-west-2:${PROD}:alarm:iam`;
      await fix(PAYMENTS_USW2, {
        fix: 'configure-practice-runs',
        practiceRuns: { outcomeAlarms: [alarm] },
      });
      await fix(PAYMENTS_USW2, {
        fix: 'configure-practice-runs',
        practiceRuns: { outcomeAlarms: [alarm], blockedDates: ['2026-12-24'] },
      });
      await fix(PAYMENTS_USW2, { fix: 'enable-autoshift' });
      await fix(PAYMENTS_USW2, { fix: 'disable-autoshift' });
    },
  },
  {
    name: "the inventory and the preflight in accounts mode (each account's own Config)",
    run: async ({ data }) => {
      const perAccount = new ConfigReader({
        ...data,
        fleetResilience: {
          ...data.fleetResilience,
          inventory: {
            awsConfig: {
              accounts: [
                { accountId: PROD, regions: ['us-east-1'] },
                { accountId: SHARED, regions: ['eu-west-1'] },
              ],
            },
          },
        },
      } as never);
      const source = AwsConfigInventorySource.fromConfig(perAccount, {
        clients: AwsClientFactory.fromConfig(perAccount),
      });
      const snapshot = await source.readInventory();
      if (snapshot.clusters.length === 0) {
        throw new Error('The accounts-mode inventory read found no cluster');
      }
      // The preflight reads each account's recorder in this mode.
      await runPreflightCli(perAccount, { log: () => undefined });
    },
  },
  {
    name: 'the preflight through the aggregator (read-only checks as both roles)',
    run: async ({ config }) => {
      await runPreflightCli(config, { log: () => undefined });
    },
  },
];

type Role = 'backend' | 'reader' | 'operator';

function roleOf(principal: string): Role | undefined {
  if (principal === `static:${BACKEND_KEY}`) return 'backend';
  const role = /^arn:aws:iam::\d{12}:role\/(.+)$/.exec(principal)?.[1];
  if (role === READER) return 'reader';
  if (role === OPERATOR) return 'operator';
  return undefined;
}

const POLICIES: Record<Role, Policy> = {
  backend: readPolicy('backend-identity-policy.json'),
  reader: readPolicy('reader-role-policy.json'),
  operator: readPolicy('operator-role-policy.json'),
};

describe('the IAM action matcher', () => {
  it('matches as IAM does: case-insensitive, * and ?, NotAction, Deny wins', () => {
    expect(
      actionMatches('arc-zonal-shift:List*', 'arc-zonal-shift:ListZonalShifts'),
    ).toBe(true);
    expect(
      actionMatches('arc-zonal-shift:List*', 'arc-zonal-shift:StartZonalShift'),
    ).toBe(false);
    expect(actionMatches('EKS:describecluster', 'eks:DescribeCluster')).toBe(
      true,
    );
    expect(actionMatches('sqs:?eleteMessage', 'sqs:DeleteMessage')).toBe(true);
    expect(actionMatches('sqs:DeleteMessage', 'sqs:DeleteMessageBatch')).toBe(
      false,
    );
    const policy: Policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', NotAction: ['arc-zonal-shift:Start*'] },
        { Effect: 'Deny', Action: 'eks:*' },
      ],
    };
    expect(allows(policy, 'config:SelectResourceConfig')).toBe(true);
    expect(allows(policy, 'arc-zonal-shift:StartZonalShift')).toBe(false);
    expect(allows(policy, 'eks:DescribeCluster')).toBe(false);
  });
});

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())(
  'the IAM policies of examples/iam, against what the code calls, on %p',
  databaseId => {
    const called: Record<Role, Set<string>> = {
      backend: new Set(),
      reader: new Set(),
      operator: new Set(),
    };
    const strangers: string[] = [];
    const saved = process.env.AWS_ENDPOINT_URL_STS;
    let context: Context | undefined;

    beforeAll(async () => {
      const sim = await startSimulator({
        fleet: DEMO_FLEET,
        seed: 7,
        // ARC's shifts expire on the clock the reconciler reads.
        clock: createManualClock(Date.now()),
        arcEventQueue: {},
      });
      // integration-aws-node's AssumeRole reaches STS here, as the SDK lets it.
      process.env.AWS_ENDPOINT_URL_STS = sim.url;
      const data = productionConfig(sim);
      const backend = await startTestBackend({
        features: [
          fleetResiliencePlugin,
          mockServices.rootConfig.factory({ data: data as never }),
          mockServices.database.factory({
            knex: await databases.init(databaseId),
          }),
          schedulerServiceFactory,
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        ],
      });
      context = {
        sim,
        backend,
        data,
        config: new ConfigReader(data as never),
      };
      for (const exercise of EXERCISES) {
        try {
          await exercise.run(context);
        } catch (error) {
          const status = await request(backend.server).get(
            `${API}${fleetClusterPath(PAYMENTS_USE1)}/reconcile`,
          );
          throw new Error(
            `Exercise '${
              exercise.name
            }' failed: ${error}; reconcile status of ${PAYMENTS_USE1}: ${JSON.stringify(
              status.body,
            )}`,
          );
        }
      }
      for (const line of sim.awsRequests()) {
        const role = roleOf(line.principal);
        if (role) called[role].add(line.action);
        else strangers.push(`${line.principal} ${line.action}`);
      }
    });

    afterAll(async () => {
      await context?.backend.stop();
      await context?.sim.stop();
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_STS;
      else process.env.AWS_ENDPOINT_URL_STS = saved;
    });

    it('exercises every AWS operation the production sources can call', () => {
      const collected = collectOperations();
      // The collection is real: it finds what each client is known to call.
      expect([...collected.keys()]).toEqual(
        expect.arrayContaining([
          'config:SelectAggregateResourceConfig',
          'eks:DescribeCluster',
          'sqs:ReceiveMessage',
          ...ARC_WRITES,
          'arc-zonal-shift:ListManagedResources',
        ]),
      );
      const exercised = new Set([
        ...called.backend,
        ...called.reader,
        ...called.operator,
      ]);
      const missed = [...collected]
        .filter(([action]) => !exercised.has(action))
        .map(([action, files]) => `${action} (${files.join(', ')})`);
      expect(missed).toEqual([]);
    });

    it('sees only the backend identity and the two roles (no account fell back to other credentials)', () => {
      expect(strangers).toEqual([]);
      expect([...called.backend]).toContain('sts:AssumeRole');
    });

    it.each(['backend', 'reader', 'operator'] as const)(
      'the %s called only what its policy allows',
      role => {
        const refused = [...called[role]].filter(
          action =>
            !NO_PERMISSION.has(action) && !allows(POLICIES[role], action),
        );
        expect(refused).toEqual([]);
      },
    );

    it.each(['backend', 'reader', 'operator'] as const)(
      "the %s's policy allows nothing its role did not call",
      role => {
        const unused = allowedPatterns(POLICIES[role]).filter(
          pattern =>
            !PERMISSION_ONLY.has(pattern) &&
            ![...called[role]].some(action =>
              allows(
                {
                  Version: '2012-10-17',
                  Statement: { Effect: 'Allow', Action: pattern },
                },
                action,
              ),
            ),
        );
        expect(unused).toEqual([]);
      },
    );

    it('the reader never changed AWS, and the operator did nothing else', () => {
      expect(WRITES.filter(a => called.reader.has(a))).toEqual([]);
      expect(
        [...called.operator].filter(a => !NO_PERMISSION.has(a)).sort(),
      ).toEqual([...WRITES].sort());
    });
  },
);
