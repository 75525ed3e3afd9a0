import {
  ConfigServiceClient,
  SelectAggregateResourceConfigCommand,
  type SelectAggregateResourceConfigCommandOutput,
} from '@aws-sdk/client-config-service';
import { DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import {
  ApiException,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  type V1Node,
} from '@kubernetes/client-node';
import { resolve } from 'node:path';
import { signedFetch } from './__testUtils__/signedFetch';
import { DO_NOT_DISRUPT, UNSCHEDULABLE_TAINT } from './model/objects';
import { startSimulator, type RunningSimulator } from './simulator';

const DEMO = resolve(__dirname, '../../../examples/fleets/demo.yaml');
const PROD_ACCOUNT = '111122223333';
const MINUTE = 60_000;

interface ClusterRow {
  resourceName: string;
  accountId: string;
  awsRegion: string;
  arn: string;
  configuration: { Endpoint: string };
}

async function listClusters(sim: RunningSimulator): Promise<ClusterRow[]> {
  const client = new ConfigServiceClient({
    ...sim.clientSettings(),
    maxAttempts: 1,
  });
  const rows: ClusterRow[] = [];
  let NextToken: string | undefined;
  do {
    const page: SelectAggregateResourceConfigCommandOutput = await client.send(
      new SelectAggregateResourceConfigCommand({
        ConfigurationAggregatorName: 'fleet-aggregator',
        Expression:
          "SELECT resourceName, accountId, awsRegion, arn, configuration WHERE resourceType = 'AWS::EKS::Cluster'",
        Limit: 5,
        NextToken,
      }),
    );
    rows.push(
      ...(page.Results ?? []).map(result => JSON.parse(result) as ClusterRow),
    );
    NextToken = page.NextToken;
  } while (NextToken);
  return rows;
}

function kubeConfig(server: string): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'sim', server, skipTLSVerify: true }],
    users: [{ name: 'sim', token: 'fleet-simulator-token' }],
    contexts: [{ name: 'sim', cluster: 'sim', user: 'sim' }],
    currentContext: 'sim',
  });
  return config;
}

const zoneId = (node: V1Node) =>
  node.metadata!.labels!['topology.k8s.aws/zone-id'];
const isCordoned = (node: V1Node) => node.spec?.unschedulable === true;

async function control(
  sim: RunningSimulator,
  method: string,
  path: string,
  body?: unknown,
) {
  const response = await fetch(`${sim.url}/_sim/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('the simulator, end to end through the real clients', () => {
  let sim: RunningSimulator;
  let clusters: ClusterRow[];
  let payments: ClusterRow;
  let core: CoreV1Api;

  beforeEach(async () => {
    sim = await startSimulator({ fleet: DEMO, seed: 11 });
    clusters = await listClusters(sim);
    payments = clusters.find(row => row.resourceName === 'payments-prod-use1')!;
    core = kubeConfig(payments.configuration.Endpoint).makeApiClient(CoreV1Api);
  });

  afterEach(() => sim.stop());

  it('lists the fleet from Config, describes a cluster via EKS and lists its nodes at the reported Endpoint', async () => {
    expect(clusters).toHaveLength(12);
    expect(new Set(clusters.map(row => row.accountId))).toEqual(
      new Set(['111122223333', '444455556666']),
    );
    const eks = new EKSClient({
      ...sim.clientSettings({ accountId: PROD_ACCOUNT, region: 'us-east-1' }),
      maxAttempts: 1,
    });
    const { cluster } = await eks.send(
      new DescribeClusterCommand({ name: 'payments-prod-use1' }),
    );
    expect(cluster?.endpoint).toBe(payments.configuration.Endpoint);
    expect(cluster?.zonalShiftConfig?.enabled).toBe(true);
    const nodes = await core.listNode();
    expect(nodes.items).toHaveLength(9);
    expect(new Set(nodes.items.map(zoneId))).toEqual(
      new Set(['use1-az1', 'use1-az2', 'use1-az4']),
    );
  });

  it('cordons the shifted AZ’s nodes on StartZonalShift and uncordons exactly those at expiry', async () => {
    const before = await core.listNode();
    const preCordoned = before.items.find(node => zoneId(node) === 'use1-az1')!;
    await core.patchNode(
      {
        name: preCordoned.metadata!.name!,
        body: { spec: { unschedulable: true } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );

    const shift = await signedFetch(
      `${sim.url}/zonalshifts`,
      'arc-zonal-shift',
      {
        ...sim.clientSettings({ accountId: PROD_ACCOUNT, region: 'us-east-1' }),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          resourceIdentifier: payments.arn,
          awayFrom: 'use1-az1',
          expiresIn: '30m',
          comment: 'e2e',
        }),
      },
    );
    expect(shift.status).toBe(201);

    const during = await core.listNode();
    const inZone = during.items.filter(node => zoneId(node) === 'use1-az1');
    expect(inZone.every(isCordoned)).toBe(true);
    const cordonedByEks = inZone.filter(
      node => node.metadata!.name !== preCordoned.metadata!.name,
    );
    expect(cordonedByEks).toHaveLength(2);
    expect(
      cordonedByEks.every(node =>
        node.spec!.taints!.some(taint => taint.key === UNSCHEDULABLE_TAINT),
      ),
    ).toBe(true);
    expect(
      during.items.filter(node => zoneId(node) !== 'use1-az1').some(isCordoned),
    ).toBe(false);

    sim.advance(31 * MINUTE);
    const after = await core.listNode();
    expect(
      after.items.filter(isCordoned).map(node => node.metadata!.name),
    ).toEqual([preCordoned.metadata!.name]);
  });

  it('drifts nodes out of a NodePool’s zones and replaces them after the delay, except do-not-disrupt ones', async () => {
    const custom = kubeConfig(payments.configuration.Endpoint).makeApiClient(
      CustomObjectsApi,
    );
    const nodes = await core.listNode();
    const [keep] = nodes.items.filter(node => zoneId(node) === 'use1-az4');
    await core.patchNode(
      {
        name: keep.metadata!.name!,
        body: { metadata: { annotations: { [DO_NOT_DISRUPT]: 'true' } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const pool = (await custom.getClusterCustomObject({
      group: 'karpenter.sh',
      version: 'v1',
      plural: 'nodepools',
      name: 'default',
    })) as {
      spec: {
        template: {
          spec: {
            requirements: Array<{
              key: string;
              operator: string;
              values?: string[];
            }>;
          };
        };
      };
    };
    // A merge patch replaces the whole array: every requirement goes with it.
    const requirements = pool.spec.template.spec.requirements.map(requirement =>
      requirement.key === 'topology.kubernetes.io/zone'
        ? { ...requirement, values: ['us-east-1a', 'us-east-1b'] }
        : requirement,
    );
    await custom.patchClusterCustomObject(
      {
        group: 'karpenter.sh',
        version: 'v1',
        plural: 'nodepools',
        name: 'default',
        body: { spec: { template: { spec: { requirements } } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );

    await control(sim, 'POST', 'clock/advance', { ms: 2 * MINUTE });
    const claims = (await custom.listClusterCustomObject({
      group: 'karpenter.sh',
      version: 'v1',
      plural: 'nodeclaims',
    })) as {
      items: Array<{
        status: { conditions: Array<{ type: string; status: string }> };
      }>;
    };
    expect(
      claims.items.filter(claim =>
        claim.status.conditions.some(
          c => c.type === 'Drifted' && c.status === 'True',
        ),
      ),
    ).toHaveLength(3);
    expect(
      (await core.listNode()).items.filter(node => zoneId(node) === 'use1-az4'),
    ).toHaveLength(3);

    await control(sim, 'POST', 'clock/advance', { ms: 5 * MINUTE });
    const after = await core.listNode();
    expect(
      after.items
        .filter(node => zoneId(node) === 'use1-az4')
        .map(node => node.metadata!.name),
    ).toEqual([keep.metadata!.name]);
    expect(after.items).toHaveLength(9);
    const pods = await core.listPodForAllNamespaces();
    expect(pods.items.filter(pod => pod.status?.phase !== 'Running')).toEqual(
      [],
    );

    const { body } = await control(sim, 'GET', 'events');
    const types = (body.events as Array<{ type: string }>).map(
      event => event.type,
    );
    expect(types.filter(type => type === 'NodeDrifted')).toHaveLength(3);
    expect(types.filter(type => type === 'NodeReplaced')).toHaveLength(2);
  });

  it('starts and ends an autoshift through the control API and logs ARC’s events', async () => {
    const started = await control(sim, 'POST', 'autoshifts/start', {
      awayFrom: 'use1-az2',
    });
    expect(started.status).toBe(201);
    expect(started.body.resources).toContain(payments.arn);
    expect(
      (await core.listNode()).items
        .filter(node => zoneId(node) === 'use1-az2')
        .every(isCordoned),
    ).toBe(true);
    const ended = await control(sim, 'POST', 'autoshifts/end', {
      awayFrom: 'use1-az2',
    });
    expect(ended.status).toBe(200);
    expect((await core.listNode()).items.some(isCordoned)).toBe(false);
    const { body } = await control(sim, 'GET', 'events');
    const arcEvents = (
      body.events as Array<{
        source: string;
        type: string;
        detail: { detail: { metadata: { awayFrom: string } } };
      }>
    ).filter(event => event.source === 'aws.arc-zonal-shift');
    expect(arcEvents.map(event => event.type)).toEqual([
      'Autoshift In Progress',
      'Autoshift Completed',
    ]);
    expect(arcEvents[0].detail.detail.metadata.awayFrom).toBe('use1-az2');
  });

  it('runs a practice run and an FIS experiment the way AWS would', async () => {
    const run = await control(sim, 'POST', 'practice-runs/start', {
      resourceArn: payments.arn,
      awayFrom: 'use1-az4',
    });
    expect(run.status).toBe(201);
    expect(
      (await core.listNode()).items
        .filter(isCordoned)
        .every(node => zoneId(node) === 'use1-az4'),
    ).toBe(true);
    const ended = await control(sim, 'POST', 'practice-runs/end', {
      zonalShiftId: run.body.zonalShiftId,
    });
    expect(ended.status).toBe(200);
    expect((await core.listNode()).items.some(isCordoned)).toBe(false);

    const fis = await control(sim, 'POST', 'fis-experiments/start', {
      resourceArn: payments.arn,
      awayFrom: 'use1-az1',
      duration: '10m',
    });
    expect(fis.status).toBe(201);
    expect((await core.listNode()).items.filter(isCordoned).length).toBe(3);
    sim.advance(11 * MINUTE);
    expect((await core.listNode()).items.some(isCordoned)).toBe(false);
    const again = await control(sim, 'POST', 'fis-experiments/end', {
      zonalShiftId: fis.body.zonalShiftId,
    });
    expect(again.status).toBe(409);
  });

  it('refuses bad control requests with 400 and changes nothing', async () => {
    const { body: before } = await control(sim, 'GET', 'state');
    for (const body of [
      { ms: -1 },
      { ms: 1, to: '2030-01-01T00:00:00Z' },
      { to: '2000-01-01T00:00:00Z' },
      { minutes: 5 },
    ]) {
      const response = await control(sim, 'POST', 'clock/advance', body);
      expect(response.status).toBe(400);
      expect(response.body.message).toEqual(expect.any(String));
    }
    const bad = await fetch(`${sim.url}/_sim/clock/advance`, {
      method: 'POST',
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expect(
      (
        await control(sim, 'POST', 'autoshifts/start', {
          awayFrom: 'us-east-1a',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await control(sim, 'PUT', 'faults', {
          services: { eks: { throttleRate: 3 } },
        })
      ).status,
    ).toBe(400);
    expect((await control(sim, 'GET', 'nope')).status).toBe(404);
    expect((await control(sim, 'DELETE', 'state')).status).toBe(405);
    const { body: after } = await control(sim, 'GET', 'state');
    expect(after).toEqual(before);
  });

  it('injects faults deterministically for a seed, in each protocol’s error shape', async () => {
    const eks = new EKSClient({
      ...sim.clientSettings({ accountId: PROD_ACCOUNT, region: 'us-east-1' }),
      maxAttempts: 1,
    });
    const outcomes = async () => {
      const results: string[] = [];
      for (let i = 0; i < 16; i++) {
        try {
          await eks.send(
            new DescribeClusterCommand({ name: 'payments-prod-use1' }),
          );
          results.push('ok');
        } catch (error) {
          const { name, $metadata } = error as {
            name: string;
            $metadata: { httpStatusCode: number };
          };
          results.push(`${$metadata.httpStatusCode} ${name}`);
        }
      }
      return results;
    };
    const settings = {
      seed: 5,
      services: { eks: { throttleRate: 0.3, errorRate: 0.2 } },
    };
    expect((await control(sim, 'PUT', 'faults', settings)).status).toBe(200);
    const first = await outcomes();
    await control(sim, 'PUT', 'faults', settings);
    expect(await outcomes()).toEqual(first);
    expect(first).toContain('429 ThrottlingException');
    expect(first).toContain('500 ServerException');
    expect(first).toContain('ok');

    await control(sim, 'PUT', 'faults', {
      seed: 5,
      services: {
        config: { throttleRate: 1 },
        kubernetes: { conflictRate: 1 },
      },
    });
    const config = new ConfigServiceClient({
      ...sim.clientSettings(),
      maxAttempts: 1,
    });
    await expect(
      config.send(
        new SelectAggregateResourceConfigCommand({
          ConfigurationAggregatorName: 'fleet-aggregator',
          Expression: "SELECT arn WHERE resourceType = 'AWS::EKS::Cluster'",
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
    });
    const [node] = (await core.listNode()).items;
    const conflict = await core
      .patchNode(
        { name: node.metadata!.name!, body: { spec: { unschedulable: true } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      )
      .catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(ApiException);
    expect((conflict as ApiException<unknown>).code).toBe(409);

    await control(sim, 'PUT', 'faults', {
      services: { kubernetes: { throttleRate: 1 } },
    });
    const throttled = await core.listNode().catch((error: unknown) => error);
    expect((throttled as ApiException<string>).code).toBe(429);
    expect(JSON.parse((throttled as ApiException<string>).body)).toMatchObject({
      kind: 'Status',
      reason: 'TooManyRequests',
      code: 429,
    });
  });
});
