import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createManualClock } from '../clock';
import { createSimFleet, type SimFleet } from './fleet';
import { DO_NOT_DISRUPT, UNSCHEDULABLE_TAINT } from './objects';
import { parseFleetYaml } from './parse';
import { NODEPOOL_LABEL, ZONE_ID_LABEL, ZONE_LABEL } from './requirements';
import { conditionTrue, isPending } from './snapshot';
import type { KubeObject, KubeWatchEvent, SimCluster } from './types';

const DEMO = parseFleetYaml(
  readFileSync(
    resolve(__dirname, '../../../../examples/fleets/demo.yaml'),
    'utf8',
  ),
);
const MINUTE = 60_000;

function demoFleet() {
  const clock = createManualClock();
  const fleet = createSimFleet(DEMO, { clock, seed: 3 });
  const cluster = (name: string) =>
    fleet.clusters().find(c => c.name === name)!;
  return { clock, fleet, cluster };
}

const zoneIdOf = (node: KubeObject) => node.metadata.labels![ZONE_ID_LABEL];
const cordoned = (node: KubeObject) =>
  (node.spec as { unschedulable?: boolean }).unschedulable === true;
const nodesIn = (cluster: SimCluster, zoneId: string) =>
  cluster.kube.list('nodes').filter(n => zoneIdOf(n) === zoneId);

describe('the fleet model', () => {
  let fleet: SimFleet;
  afterEach(() => fleet?.stop());

  it('creates a cluster’s Kubernetes objects only when first used', () => {
    const demo = demoFleet();
    fleet = demo.fleet;
    const payments = demo.cluster('payments-prod-use1');
    expect(fleet.isMaterialised(payments.arn)).toBe(false);
    expect(
      fleet.subnets().filter(s => payments.subnetIds.includes(s.subnetId)),
    ).toHaveLength(3);
    expect(payments.kube.list('nodes')).toHaveLength(9);
    expect(fleet.isMaterialised(payments.arn)).toBe(true);
    expect(fleet.clusterById(fleet.clusterId(payments))).toBe(payments);
  });

  it('labels nodes with each account’s own AZ name <-> ID mapping', () => {
    const demo = demoFleet();
    fleet = demo.fleet;
    const zoneMap = (cluster: SimCluster) =>
      new Set(
        cluster.kube
          .list('nodes')
          .map(n => `${n.metadata.labels![ZONE_LABEL]}=${zoneIdOf(n)}`),
      );
    expect(zoneMap(demo.cluster('payments-prod-use1'))).toContain(
      'us-east-1a=use1-az1',
    );
    expect(zoneMap(demo.cluster('search-prod-use1'))).toContain(
      'us-east-1a=use1-az4',
    );
  });

  it('gives Karpenter nodes a NodeClaim each and managed node group nodes none', () => {
    const demo = demoFleet();
    fleet = demo.fleet;
    const payments = demo.cluster('payments-prod-use1').kube;
    const claims = payments.list('nodeclaims');
    expect(
      claims.map(c => (c.status as { nodeName: string }).nodeName).sort(),
    ).toEqual(
      payments
        .list('nodes')
        .map(n => n.metadata.name)
        .sort(),
    );
    expect(
      claims.every(c => c.metadata.labels![NODEPOOL_LABEL] === 'default'),
    ).toBe(true);
    expect(demo.cluster('search-prod-use1').kube.list('nodeclaims')).toEqual(
      [],
    );
  });

  it('shows native zonal shift in the Karpenter Deployment as env or arg', () => {
    const demo = demoFleet();
    fleet = demo.fleet;
    const container = (cluster: string, namespace: string) => {
      const deployment = demo
        .cluster(cluster)
        .kube.get('deployments', 'karpenter', namespace)!;
      return (
        deployment.spec as {
          template: {
            spec: {
              containers: Array<{
                env: Array<{ name: string; value: string }>;
                args?: string[];
              }>;
            };
          };
        }
      ).template.spec.containers[0];
    };
    expect(container('payments-prod-usw2', 'kube-system').env).toContainEqual({
      name: 'ENABLE_ZONAL_SHIFT',
      value: 'true',
    });
    expect(container('payments-dr-euw1', 'kube-system').env).toContainEqual({
      name: 'ENABLE_ZONAL_SHIFT',
      value: 'false',
    });
    expect(container('search-prod-euw1', 'karpenter').args).toEqual([
      '--enable-zonal-shift=true',
    ]);
    expect(
      container('payments-prod-use1', 'kube-system').env.map(e => e.name),
    ).not.toContain('ENABLE_ZONAL_SHIFT');
    expect(
      demo
        .cluster('search-prod-use1')
        .kube.list('deployments')
        .map(d => d.metadata.name),
    ).toEqual(['search-api', 'search-worker']);
  });

  it('leaves pods Pending where nothing fits and binds the rest', () => {
    const demo = demoFleet();
    fleet = demo.fleet;
    const pods = demo.cluster('data-platform-usw2').kube.list('pods');
    expect(pods.filter(isPending)).toHaveLength(2);
    expect(
      pods.filter(pod => (pod.status as { phase: string }).phase === 'Running'),
    ).toHaveLength(8);
    const deployment = demo
      .cluster('data-platform-usw2')
      .kube.get('deployments', 'spark-executor', 'data')!;
    expect(deployment.status).toMatchObject({
      replicas: 10,
      readyReplicas: 8,
      unavailableReplicas: 2,
    });
    demo.clock.advance(10 * MINUTE);
    // No Karpenter there: nothing launches, they stay Pending.
    expect(
      demo.cluster('data-platform-usw2').kube.list('pods').filter(isPending),
    ).toHaveLength(2);
  });

  it('hands ARC each cluster’s autoshift and practice-run settings', () => {
    const demo = demoFleet();
    fleet = demo.fleet;
    const settings = fleet.arcSettings();
    expect(settings.get(demo.cluster('payments-prod-use1').arn)).toMatchObject({
      zonalAutoshiftStatus: 'ENABLED',
      practiceRunConfiguration: { outcomeAlarms: [{ type: 'CLOUDWATCH' }] },
    });
    expect(settings.get(demo.cluster('payments-prod-usw2').arn)).toEqual({
      zonalAutoshiftStatus: 'DISABLED',
    });
  });
});

describe('EKS zonal shift behaviour', () => {
  let fleet: SimFleet;
  afterEach(() => fleet?.stop());

  it('cordons the AZ’s nodes and uncordons exactly those when no shift applies', () => {
    const demo = demoFleet();
    fleet = demo.fleet;
    const cluster = demo.cluster('payments-prod-use1');
    const [alreadyCordoned] = nodesIn(cluster, 'use1-az1');
    cluster.kube.update('nodes', {
      ...alreadyCordoned,
      spec: { ...(alreadyCordoned.spec as object), unschedulable: true },
    });
    const events: KubeWatchEvent[] = [];
    const stop = cluster.kube.watch('nodes', undefined, undefined, event =>
      events.push(event),
    );

    fleet.eksZonalShift.onAppliedZoneChanged(cluster.arn, 'use1-az1');
    expect(nodesIn(cluster, 'use1-az1').every(cordoned)).toBe(true);
    expect(nodesIn(cluster, 'use1-az2').some(cordoned)).toBe(false);
    const taints = (
      nodesIn(cluster, 'use1-az1')[1].spec as {
        taints: Array<{ key: string; effect: string }>;
      }
    ).taints;
    expect(taints).toContainEqual(
      expect.objectContaining({
        key: UNSCHEDULABLE_TAINT,
        effect: 'NoSchedule',
      }),
    );
    expect(events.filter(e => e.type === 'MODIFIED')).toHaveLength(2);
    expect(fleet.eksZonalShift.awayZone(cluster.arn)).toBe('use1-az1');

    fleet.eksZonalShift.onAppliedZoneChanged(cluster.arn, 'use1-az2');
    expect(nodesIn(cluster, 'use1-az2').every(cordoned)).toBe(true);
    expect(
      nodesIn(cluster, 'use1-az1')
        .filter(cordoned)
        .map(n => n.metadata.name),
    ).toEqual([alreadyCordoned.metadata.name]);

    fleet.eksZonalShift.onAppliedZoneChanged(cluster.arn, undefined);
    expect(
      cluster.kube
        .list('nodes')
        .filter(cordoned)
        .map(n => n.metadata.name),
    ).toEqual([alreadyCordoned.metadata.name]);
    expect(
      cluster.kube
        .list('nodes')
        .some(n => JSON.stringify(n.spec).includes(UNSCHEDULABLE_TAINT)),
    ).toBe(false);
    expect(fleet.events.list().map(e => e.type)).toEqual([
      ...Array(2).fill('NodeCordoned'),
      ...Array(2).fill('NodeUncordoned'),
      ...Array(3).fill('NodeCordoned'),
      ...Array(3).fill('NodeUncordoned'),
    ]);
    stop();
  });
});

describe('the Karpenter model', () => {
  let fleet: SimFleet;
  afterEach(() => fleet?.stop());

  function dropZone(cluster: SimCluster, zones: string[]) {
    const pool = cluster.kube.get('nodepools', 'default')!;
    const spec = pool.spec as {
      template: {
        spec: { requirements: Array<{ key: string; values?: string[] }> };
      };
    };
    const requirements = spec.template.spec.requirements.map(r =>
      r.key === ZONE_LABEL ? { ...r, values: zones } : r,
    );
    cluster.kube.update('nodepools', {
      ...pool,
      spec: {
        ...spec,
        template: {
          ...spec.template,
          spec: { ...spec.template.spec, requirements },
        },
      },
    });
  }

  it('drifts nodes out of their NodePool’s zones and replaces them after the delay, except do-not-disrupt ones', () => {
    const demo = demoFleet();
    fleet = demo.fleet;
    const cluster = demo.cluster('payments-prod-use1');
    const [protectedNode] = nodesIn(cluster, 'use1-az4');
    cluster.kube.update('nodes', {
      ...protectedNode,
      metadata: {
        ...protectedNode.metadata,
        annotations: {
          ...protectedNode.metadata.annotations,
          [DO_NOT_DISRUPT]: 'true',
        },
      },
    });
    dropZone(cluster, ['us-east-1a', 'us-east-1b']);

    demo.clock.advance(MINUTE);
    const drifted = cluster.kube
      .list('nodeclaims')
      .filter(claim => conditionTrue(claim, 'Drifted'));
    expect(drifted).toHaveLength(3);

    demo.clock.advance(4 * MINUTE);
    expect(nodesIn(cluster, 'use1-az4')).toHaveLength(3);

    demo.clock.advance(2 * MINUTE);
    expect(nodesIn(cluster, 'use1-az4').map(n => n.metadata.name)).toEqual([
      protectedNode.metadata.name,
    ]);
    expect(cluster.kube.list('nodes')).toHaveLength(9);
    expect(cluster.kube.list('nodeclaims')).toHaveLength(9);
    const pods = cluster.kube.list('pods');
    expect(pods.filter(isPending)).toEqual([]);
    const liveNodes = new Set(
      cluster.kube.list('nodes').map(n => n.metadata.name),
    );
    expect(
      pods.every(pod =>
        liveNodes.has((pod.spec as { nodeName: string }).nodeName),
      ),
    ).toBe(true);
    expect(
      fleet.events.list().filter(e => e.type === 'NodeReplaced'),
    ).toHaveLength(2);
  });

  it('undrifts a node when its zone is allowed again before replacement', () => {
    const demo = demoFleet();
    fleet = demo.fleet;
    const cluster = demo.cluster('payments-prod-use1');
    dropZone(cluster, ['us-east-1a', 'us-east-1b']);
    demo.clock.advance(MINUTE);
    dropZone(cluster, ['us-east-1a', 'us-east-1b', 'us-east-1c']);
    demo.clock.advance(10 * MINUTE);
    expect(
      cluster.kube
        .list('nodeclaims')
        .filter(claim => conditionTrue(claim, 'Drifted')),
    ).toEqual([]);
    expect(nodesIn(cluster, 'use1-az4')).toHaveLength(3);
  });

  it('with native zonal shift on, launches new capacity outside the shifted zone', () => {
    const demo = demoFleet();
    fleet = demo.fleet;
    const native = demo.cluster('checkout-canary-use1');
    fleet.eksZonalShift.onAppliedZoneChanged(native.arn, 'use1-az4');
    // More than any existing node has free: Karpenter must launch.
    native.kube.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'batch-1',
        namespace: 'checkout',
        labels: { app: 'batch' },
      },
      spec: {
        containers: [
          {
            name: 'batch',
            resources: { requests: { cpu: '1800m', memory: '1Gi' } },
          },
        ],
      },
      status: { phase: 'Pending' },
    });
    demo.clock.advance(MINUTE);
    const launched = fleet.events
      .list()
      .filter(e => e.type === 'NodeLaunched' && e.clusterArn === native.arn);
    expect(launched).toHaveLength(1);
    expect(launched[0].detail.zoneId).not.toBe('use1-az4');
    expect(native.kube.list('pods').filter(isPending)).toEqual([]);
  });

  it('without native zonal shift, Karpenter still launches into the shifted zone', () => {
    const demo = demoFleet();
    fleet = demo.fleet;
    const cluster = demo.cluster('payments-dr-euw1'); // Karpenter 1.12, native support off; zones euw1-az3, euw1-az1
    fleet.eksZonalShift.onAppliedZoneChanged(cluster.arn, 'euw1-az3');
    for (const name of ['big-1', 'big-2']) {
      cluster.kube.create('pods', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'payments', labels: { app: 'big' } },
        spec: {
          containers: [
            {
              name: 'big',
              resources: { requests: { cpu: '3500m', memory: '1Gi' } },
            },
          ],
        },
        status: { phase: 'Pending' },
      });
    }
    demo.clock.advance(MINUTE);
    // Both zones have two nodes; the first launch goes to the cluster's first zone, the shifted one.
    const zones = fleet.events
      .list()
      .filter(e => e.type === 'NodeLaunched')
      .map(e => e.detail.zoneId);
    expect(zones.sort()).toEqual(['euw1-az1', 'euw1-az3']);
  });
});
