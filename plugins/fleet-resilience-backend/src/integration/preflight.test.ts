/**
 * The preflight against the simulator over HTTP, configured as production
 * is (the backend's own identity assumes the reader role in every account,
 * the operator role for writes, an aggregator): a healthy fleet passes every
 * check, and each fault the simulator can inject (an IAM denial, a
 * Kubernetes RBAC denial bound to a role, a Config recorder without subnets,
 * an API server that does not answer) yields the failing check with its fix.
 */
import { ConfigReader } from '@backstage/config';
import type { PreflightCheck } from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  DEFAULT_AGGREGATOR,
  SIMULATOR_SECRET_ACCESS_KEY,
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import { readFileSync } from 'node:fs';
import { DEMO_FLEET } from '../__testUtils__/fleetBackend';
import { runPreflightCli } from '../preflight/cli';

const PROD = '111122223333';
const SHARED = '444455556666';
const READER = 'fleet-resilience-reader';
const OPERATOR = 'fleet-resilience-operator';
const PAYMENTS = `arn:aws:eks:us-east-1:${PROD}:cluster/payments-prod-use1`;
const SEARCH_EU = `arn:aws:eks:eu-west-1:${SHARED}:cluster/search-prod-euw1`;

/** Production's shape, every endpoint at the simulator. */
function productionConfig(
  sim: RunningSimulator,
  kubernetes: object = {},
  inventory: object = {
    aggregator: {
      accountId: PROD,
      region: 'us-east-1',
      name: DEFAULT_AGGREGATOR,
    },
  },
) {
  return new ConfigReader({
    aws: {
      // The backend's own identity (a pod's, in production).
      mainAccount: {
        accessKeyId: 'AKIABACKENDPODSIMU01',
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
        operatorRole: { roleName: OPERATOR },
        maxAttempts: 1,
      },
      inventory: { awsConfig: inventory },
      kubernetes: {
        allowInsecureEndpoints: true,
        maxAttempts: 1,
        ...kubernetes,
      },
    },
  });
}

const line = (c: PreflightCheck) =>
  `${c.status} ${c.id} ${
    c.scope.clusterArn ??
    [c.scope.accountId, c.scope.region].filter(Boolean).join('/')
  }${c.scope.role ? ` (${c.scope.role})` : ''}`;
const notPassing = (checks: PreflightCheck[]) =>
  checks.filter(c => c.status !== 'pass');
const find = (
  checks: PreflightCheck[],
  id: string,
  scope: PreflightCheck['scope'],
) =>
  checks.filter(
    c =>
      c.id === id &&
      Object.entries(scope).every(
        ([k, v]) => c.scope[k as keyof typeof c.scope] === v,
      ),
  );

describe('preflight against the simulator', () => {
  let sim: RunningSimulator;
  const savedSts = process.env.AWS_ENDPOINT_URL_STS;
  const quiet = { log: () => undefined };

  beforeAll(async () => {
    sim = await startSimulator({ fleet: DEMO_FLEET, seed: 3 });
    // integration-aws-node's AssumeRole (and preflight's identity call) reach STS here.
    process.env.AWS_ENDPOINT_URL_STS = sim.url;
  });
  afterAll(async () => {
    if (savedSts === undefined) delete process.env.AWS_ENDPOINT_URL_STS;
    else process.env.AWS_ENDPOINT_URL_STS = savedSts;
    await sim?.stop();
  });
  afterEach(async () => {
    sim.setIamDenies([]);
    await fetch(`${sim.url}/_sim/kubernetes/forbidden`, { method: 'DELETE' });
  });

  it('passes every check of the demo fleet but its two deliberate ones, as the configured roles', async () => {
    const checks = await runPreflightCli(productionConfig(sim), quiet);
    // The demo's one cluster without zonal shift warns, and its one cluster
    // whose RBAC forbids patching NodePools (examples/fleets/demo.yaml)
    // fails for the operator.
    expect(notPassing(checks).map(line)).toEqual([
      `warn eks.zonal-shift arn:aws:eks:us-east-1:${PROD}:cluster/platform-tools-use1`,
      `fail kubernetes.rbac arn:aws:eks:us-west-2:${SHARED}:cluster/search-staging-usw2 (operator)`,
    ]);
    // Two accounts x two roles, the aggregator, five account/regions (Config
    // and ARC), twelve clusters (EKS, zonal shift config, RBAC per role).
    expect(checks.filter(c => c.id === 'credentials')).toHaveLength(4);
    expect(checks.filter(c => c.id === 'kubernetes.rbac')).toHaveLength(24);
    expect(
      find(checks, 'credentials', { accountId: SHARED, role: 'operator' })[0]
        .detail,
    ).toMatch(
      new RegExp(`^Acts as arn:aws:sts::${SHARED}:assumed-role/${OPERATOR}/`),
    );
  }, 60_000);

  it('names the IAM action and the role when IAM denies eks:DescribeCluster in one account', async () => {
    sim.setIamDenies([
      { accountId: SHARED, roleName: READER, action: 'eks:DescribeCluster' },
    ]);
    const checks = await runPreflightCli(productionConfig(sim), quiet);
    const denied = find(checks, 'eks.describe-cluster', {
      clusterArn: SEARCH_EU,
    });
    expect(denied).toEqual([
      expect.objectContaining({
        status: 'fail',
        fix: `Add eks:DescribeCluster to the role ${READER} in account ${SHARED}`,
      }),
    ]);
    expect(denied[0].detail).toMatch(
      /is not authorized to perform: eks:DescribeCluster/,
    );
    // Its Kubernetes checks are skipped; the other account's clusters pass.
    expect(
      find(checks, 'kubernetes.rbac', { clusterArn: SEARCH_EU }).map(
        c => c.status,
      ),
    ).toEqual(['skipped', 'skipped']);
    expect(
      find(checks, 'eks.describe-cluster', { clusterArn: PAYMENTS })[0].status,
    ).toBe('pass');
    expect(
      notPassing(checks)
        .filter(c => c.scope.accountId !== SHARED && c.status === 'fail')
        .map(line),
    ).toEqual([]);
  }, 60_000);

  it('names the ARC action the reader role lacks', async () => {
    sim.setIamDenies([
      { accountId: PROD, action: 'arc-zonal-shift:ListManagedResources' },
    ]);
    const checks = await runPreflightCli(productionConfig(sim), quiet);
    const arc = find(checks, 'arc', { accountId: PROD });
    expect(arc.length).toBeGreaterThan(0);
    for (const check of arc) {
      expect(check).toMatchObject({
        status: 'fail',
        fix: `Add arc-zonal-shift:ListManagedResources to the role ${READER} in account ${PROD}`,
      });
    }
    expect(
      find(checks, 'arc', { accountId: SHARED }).every(
        c => c.status === 'pass',
      ),
    ).toBe(true);
  }, 60_000);

  it('names the RBAC rule when a cluster forbids the operator to patch NodePools', async () => {
    const response = await fetch(`${sim.url}/_sim/kubernetes/forbidden`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        clusterArn: PAYMENTS,
        // Only the operator's tokens are refused: the reader's still pass.
        rules: [
          {
            verb: 'patch',
            resource: 'nodepools',
            group: 'karpenter.sh',
            roleName: OPERATOR,
          },
        ],
      }),
    });
    expect(response.status).toBe(200);
    const checks = await runPreflightCli(productionConfig(sim), quiet);
    expect(
      notPassing(checks)
        .filter(c => c.status === 'fail')
        .map(line),
    ).toEqual([`fail kubernetes.rbac ${PAYMENTS} (operator)`]);
    expect(
      find(checks, 'kubernetes.rbac', {
        clusterArn: PAYMENTS,
        role: 'operator',
      })[0].fix,
    ).toBe(
      `Allow patch on nodepools.karpenter.sh for the operator group fleet-resilience-operators (mapped from arn:aws:iam::${PROD}:role/${OPERATOR}) in cluster payments-prod-use1: see examples/kubernetes/rbac.yaml`,
    );
  }, 60_000);

  it('warns when the reader may not list Deployments, and fails on Pods', async () => {
    await fetch(`${sim.url}/_sim/kubernetes/forbidden`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        clusterArn: PAYMENTS,
        rules: [
          { verb: 'list', resource: 'deployments', group: 'apps' },
          { verb: 'list', resource: 'pods', group: '' },
        ],
      }),
    });
    const checks = await runPreflightCli(productionConfig(sim), quiet);
    const reader = find(checks, 'kubernetes.rbac', {
      clusterArn: PAYMENTS,
      role: 'reader',
    })[0];
    expect(reader.status).toBe('fail');
    expect(reader.fix).toMatch(
      /^Allow list on pods, list on deployments\.apps for the reader group fleet-resilience-readers/,
    );
  }, 60_000);
});

describe('preflight against a simulator whose API servers do not answer', () => {
  let sim: RunningSimulator;
  const savedSts = process.env.AWS_ENDPOINT_URL_STS;
  const quiet = { log: () => undefined };

  beforeAll(async () => {
    sim = await startSimulator({ fleet: DEMO_FLEET, seed: 3 });
    process.env.AWS_ENDPOINT_URL_STS = sim.url;
  });
  afterAll(async () => {
    if (savedSts === undefined) delete process.env.AWS_ENDPOINT_URL_STS;
    else process.env.AWS_ENDPOINT_URL_STS = savedSts;
    await sim?.stop();
  });

  it('names the endpoint check when the API server URL is refused', async () => {
    const checks = await runPreflightCli(
      productionConfig(sim, { allowInsecureEndpoints: false }),
      quiet,
    );
    const rbac = find(checks, 'kubernetes.rbac', {
      clusterArn: PAYMENTS,
      role: 'reader',
    })[0];
    expect(rbac).toMatchObject({
      status: 'fail',
      fix: "Check the API server endpoint and certificate authority EKS reports for payments-prod-use1: the backend uses only https endpoints verified against the cluster's own CA",
    });
    expect(rbac.detail).toMatch(/must use https/);
  }, 60_000);

  it('names the network path when the API servers do not answer', async () => {
    sim.setFaults({ seed: 1, services: { kubernetes: { hangRate: 1 } } });
    const checks = await runPreflightCli(
      productionConfig(sim, { requestTimeoutMs: 300, deadlineMs: 600 }),
      quiet,
    );
    const rbac = find(checks, 'kubernetes.rbac', {
      clusterArn: PAYMENTS,
      role: 'reader',
    })[0];
    expect(rbac.status).toBe('fail');
    expect(rbac.fix).toMatch(
      /^Open a network path from the backend to http:\/\/127\.0\.0\.1:\d+\/k8s\/111122223333\.us-east-1\.payments-prod-use1 \(TCP 443\)/,
    );
    // AWS still answers.
    expect(
      find(checks, 'eks.describe-cluster', { clusterArn: PAYMENTS })[0].status,
    ).toBe('pass');
  }, 60_000);
});

describe('preflight against a simulator whose account records no subnets', () => {
  let sim: RunningSimulator;
  const savedSts = process.env.AWS_ENDPOINT_URL_STS;

  beforeAll(async () => {
    const yaml = readFileSync(DEMO_FLEET, 'utf8').replace(
      '    name: shared-services\n',
      "    name: shared-services\n    configRecorder: { resourceTypes: ['AWS::EKS::Cluster'] }\n",
    );
    sim = await startSimulator({ fleet: yaml, seed: 3 });
    process.env.AWS_ENDPOINT_URL_STS = sim.url;
  });
  afterAll(async () => {
    if (savedSts === undefined) delete process.env.AWS_ENDPOINT_URL_STS;
    else process.env.AWS_ENDPOINT_URL_STS = savedSts;
    await sim?.stop();
  });

  it('through the aggregator: names the recorder setting per account and region', async () => {
    const checks = await runPreflightCli(productionConfig(sim), {
      log: () => undefined,
    });
    const records = notPassing(checks).filter(c => c.id === 'config.records');
    expect(records.length).toBeGreaterThan(0);
    for (const check of records) {
      expect(check.scope.accountId).toBe(SHARED);
      expect(check.fix).toBe(
        `Record AWS::EC2::Subnet in the AWS Config recorder of account ${SHARED} in region ${check.scope.region}`,
      );
    }
  }, 60_000);

  it('with each account’s own Config: reads the recorder and names the setting', async () => {
    const checks = await runPreflightCli(
      productionConfig(
        sim,
        {},
        {
          accounts: [
            { accountId: PROD, regions: ['us-east-1'] },
            { accountId: SHARED, regions: ['eu-west-1'] },
          ],
        },
      ),
      { log: () => undefined },
    );
    expect(find(checks, 'config.recorder', { accountId: PROD })[0].status).toBe(
      'pass',
    );
    expect(
      find(checks, 'config.recorder', { accountId: SHARED })[0],
    ).toMatchObject({
      status: 'fail',
      fix: `Record AWS::EC2::Subnet in the AWS Config recorder of account ${SHARED} in region eu-west-1`,
    });
  }, 60_000);
});
