import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { generateFleet } from './generate';
import { FleetSpecError, parseFleetYaml, validateFleetSpec } from './parse';
import type { FleetSpec, WorkloadSpec } from './spec';

const DEMO = resolve(__dirname, '../../../../examples/fleets/demo.yaml');

const minimal = (): FleetSpec => ({
  accounts: [
    {
      id: '111122223333',
      zones: {
        'us-east-1': { 'us-east-1a': 'use1-az1', 'us-east-1b': 'use1-az2' },
      },
    },
  ],
  clusters: [
    {
      name: 'prod',
      account: '111122223333',
      region: 'us-east-1',
      zones: ['us-east-1a', 'us-east-1b'],
      karpenter: { version: '1.12.0' },
      nodePools: [{ name: 'default' }],
      nodes: [{ zone: 'us-east-1a', count: 2, nodePool: 'default' }],
      workloads: [{ name: 'web', replicas: 2, cpu: '500m', memory: '1Gi' }],
    },
  ],
});

function issuesOf(document: unknown): string[] {
  try {
    validateFleetSpec(document);
  } catch (error) {
    if (error instanceof FleetSpecError)
      return error.issues.map(issue => `${issue.path}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe('the fleet file parser', () => {
  it('reads the demo fleet: a dozen clusters over two accounts and three regions', () => {
    const spec = parseFleetYaml(readFileSync(DEMO, 'utf8'));
    expect(spec.clusters).toHaveLength(12);
    expect(new Set(spec.clusters.map(c => c.account)).size).toBe(2);
    expect(new Set(spec.clusters.map(c => c.region))).toEqual(
      new Set(['us-east-1', 'us-west-2', 'eu-west-1']),
    );
    expect(spec.accounts[0].zones['us-east-1']['us-east-1a']).not.toBe(
      spec.accounts[1].zones['us-east-1']['us-east-1a'],
    );
    expect(spec.resilienceApps).toHaveLength(3);
  });

  it('accepts a minimal fleet', () => {
    expect(issuesOf(minimal())).toEqual([]);
  });

  it.each<[string, (spec: FleetSpec) => void, string]>([
    [
      'a numeric account ID',
      s => Object.assign(s.accounts[0], { id: 111122223333 }),
      'accounts[0].id: must be a string, got number 111122223333 (quote it in YAML)',
    ],
    [
      'an unknown account',
      s => (s.clusters[0].account = '999999999999'),
      'clusters[0].account: no account "999999999999" in accounts',
    ],
    [
      'a zone outside the account map',
      s => (s.clusters[0].zones = ['us-east-1z']),
      'clusters[0].zones[0]: "us-east-1z" is not a zone of account 111122223333 in us-east-1',
    ],
    [
      'an empty In requirement',
      s =>
        (s.clusters[0].nodePools![0].requirements = [
          { key: 'topology.kubernetes.io/zone', operator: 'In', values: [] },
        ]),
      'clusters[0].nodePools[0].requirements[0].values: an In requirement must keep at least one value',
    ],
    [
      'an unknown operator',
      s =>
        Object.assign(s.clusters[0].nodePools![0], {
          requirements: [{ key: 'k', operator: 'Matches' }],
        }),
      'clusters[0].nodePools[0].requirements[0].operator: must be one of In, NotIn',
    ],
    [
      'nodes of an unknown NodePool',
      s => (s.clusters[0].nodes![0].nodePool = 'spot'),
      'clusters[0].nodes[0].nodePool: no NodePool "spot" in this cluster',
    ],
    [
      'a bad quantity',
      s => (s.clusters[0].workloads![0].cpu = 'lots'),
      'clusters[0].workloads[0].cpu: "lots" is not a quantity',
    ],
    [
      'native zonal shift on an old Karpenter',
      s =>
        (s.clusters[0].karpenter = {
          version: '1.10.0',
          nativeZonalShift: true,
        }),
      'clusters[0].karpenter.nativeZonalShift: needs Karpenter 1.12.0 or later, got 1.10.0',
    ],
    [
      'autoshift without a practice run',
      s => (s.clusters[0].zonalShift = { enabled: true, autoshift: true }),
      'clusters[0].zonalShift.autoshift: ARC requires a practiceRun configuration',
    ],
    [
      'a budget schedule without duration',
      s =>
        (s.clusters[0].nodePools![0].disruption = {
          budgets: [{ nodes: '0', schedule: '@daily' }],
        }),
      'clusters[0].nodePools[0].disruption.budgets[0]: schedule and duration must be set together',
    ],
    [
      'a misspelt field',
      s => Object.assign(s.clusters[0], { zone: ['us-east-1a'] }),
      'clusters[0].zone: unknown field',
    ],
    [
      'a duplicate cluster',
      s => s.clusters.push({ ...s.clusters[0] }),
      'clusters[1]: duplicate account/region/name "111122223333/us-east-1/prod"',
    ],
    [
      'an app naming a missing cluster',
      s =>
        (s.resilienceApps = [
          {
            name: 'payments',
            account: '111122223333',
            region: 'us-east-1',
            clusters: [{ name: 'nope' }],
            resiliencyScore: 50,
            complianceStatus: 'PolicyMet',
            policy: {},
          },
        ]),
      'resilienceApps[0].clusters[0]: no cluster "nope" in account 111122223333, region us-east-1',
    ],
    [
      'a workload kind the simulator does not build',
      s => Object.assign(s.clusters[0].workloads![0], { kind: 'DaemonSet' }),
      'clusters[0].workloads[0].kind: must be one of Deployment, StatefulSet, got "DaemonSet"',
    ],
    [
      'an unknown zone spread',
      s => Object.assign(s.clusters[0].workloads![0], { zoneSpread: 'zonal' }),
      'clusters[0].workloads[0].zoneSpread: must be one of topology-spread, anti-affinity, none',
    ],
    [
      'a pin to a zone the cluster does not have',
      s => (s.clusters[0].workloads![0].zones = ['us-east-1c']),
      `clusters[0].workloads[0].zones[0]: "us-east-1c" is not one of the cluster's zones (us-east-1a, us-east-1b)`,
    ],
    [
      'a PDB with both fields',
      s =>
        (s.clusters[0].workloads![0].pdb = {
          minAvailable: 1,
          maxUnavailable: 1,
        }),
      'clusters[0].workloads[0].pdb: needs exactly one of minAvailable and maxUnavailable',
    ],
    [
      'a PDB percentage over 100%',
      s => (s.clusters[0].workloads![0].pdb = { minAvailable: '150%' }),
      'clusters[0].workloads[0].pdb.minAvailable: must be an integer >= 0 or a percentage like "50%"',
    ],
    [
      'a negative PDB count',
      s => (s.clusters[0].workloads![0].pdb = { maxUnavailable: -1 }),
      'clusters[0].workloads[0].pdb.maxUnavailable: must be an integer >= 0 or a percentage like "50%"',
    ],
    [
      'an unknown autoscaler',
      s => Object.assign(s.clusters[0].workloads![0], { autoscaler: 'vpa' }),
      'clusters[0].workloads[0].autoscaler: must be one of hpa, proportional',
    ],
  ])('reports %s with its path', (_what, breakIt, expected) => {
    const spec = minimal();
    breakIt(spec);
    expect(issuesOf(spec).join('\n')).toContain(expected);
  });

  it('reports every problem at once and YAML syntax errors as such', () => {
    const spec = minimal();
    spec.clusters[0].name = '-bad';
    spec.clusters[0].workloads![0].replicas = -1;
    expect(issuesOf(spec)).toHaveLength(2);
    expect(() => parseFleetYaml('accounts: [')).toThrow(/\(yaml\)/);
    expect(() => parseFleetYaml(stringify({ accounts: [] }))).toThrow(
      /accounts: must have at least 1 item/,
    );
  });
});

describe('generateFleet', () => {
  const options = {
    clusters: 40,
    nodesPerCluster: 6,
    podsPerCluster: 30,
    seed: 7,
  };

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateFleet(options)).toEqual(generateFleet(options));
    expect(generateFleet({ ...options, seed: 8 })).not.toEqual(
      generateFleet(options),
    );
  });

  it('produces a valid fleet of the asked size, with per-account AZ maps', () => {
    const spec = generateFleet({
      ...options,
      accounts: 3,
      regions: ['us-east-1', 'ap-southeast-2'],
    });
    expect(issuesOf(JSON.parse(JSON.stringify(spec)))).toEqual([]);
    expect(spec.clusters).toHaveLength(40);
    expect(spec.accounts).toHaveLength(3);
    expect(Object.values(spec.accounts[0].zones['ap-southeast-2'])).toContain(
      'apse2-az1',
    );
    for (const cluster of spec.clusters) {
      expect(cluster.nodes!.reduce((sum, group) => sum + group.count, 0)).toBe(
        6,
      );
      expect(
        cluster.workloads!.reduce(
          (sum, workload) => sum + workload.replicas,
          0,
        ),
      ).toBe(30);
    }
    const mappings = spec.accounts.map(account =>
      JSON.stringify(account.zones['us-east-1']),
    );
    expect(new Set(mappings).size).toBeGreaterThan(1);
  });

  it('gives every cluster the readiness kinds: a CoreDNS per zone, mostly with an HPA, StatefulSets and PDBs', () => {
    const spec = generateFleet({ ...options, clusters: 200 });
    const workloads = spec.clusters.flatMap(cluster => cluster.workloads!);
    for (const cluster of spec.clusters) {
      const dns = cluster.workloads!.filter(w => w.name === 'coredns');
      expect(dns).toEqual([
        expect.objectContaining({
          namespace: 'kube-system',
          replicas: cluster.zones.length,
        }),
      ]);
      const services = cluster.workloads!.filter(w => w.name !== 'coredns');
      expect(services.filter(w => w.kind === 'StatefulSet')).toHaveLength(2);
      expect(services.filter(w => w.pdb).length).toBe(4);
    }
    const share = (test: (w: WorkloadSpec) => boolean, of: WorkloadSpec[]) =>
      of.filter(test).length / of.length;
    const dns = workloads.filter(w => w.name === 'coredns');
    expect(share(w => w.autoscaler === 'hpa', dns)).toBeGreaterThan(0.7);
    expect(share(w => w.autoscaler === 'proportional', dns)).toBeGreaterThan(0);
    expect(share(w => w.autoscaler === undefined, dns)).toBeGreaterThan(0);
    const services = workloads.filter(w => w.name !== 'coredns');
    expect(share(w => w.zoneSpread === 'none', services)).toBeGreaterThan(0.05);
    expect(
      share(w => w.zoneSpread === 'topology-spread', services),
    ).toBeGreaterThan(0.6);
  });
});
