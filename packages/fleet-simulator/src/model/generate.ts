/**
 * A seeded generator of large fleets (1,000 clusters and more) in the fleet
 * file format: the same options and seed always give the same fleet.
 */
import {
  DEFAULT_INSTANCE_TYPE,
  instanceType,
  nodeResources,
} from './instanceTypes';
import { withReadiness } from './generateReadiness';
import { createRandom, type Random } from './random';
import {
  ZONE_ID_LABEL,
  ZONE_LABEL,
  type NodeSelectorRequirement,
} from './requirements';
import type {
  AccountSpec,
  ClusterSpec,
  FleetSpec,
  NodePoolSpec,
  ResilienceAppSpec,
  WorkloadSpec,
} from './spec';

/**
 * The size and seed of a generated fleet.
 *
 * @public
 */
export interface GenerateFleetOptions {
  clusters: number;
  nodesPerCluster: number;
  podsPerCluster: number;
  seed: number;
  /** How many accounts (default 2). */
  accounts?: number;
  /** Default us-east-1, us-west-2, eu-west-1. */
  regions?: string[];
}

const DEFAULT_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];
const TEAMS = ['platform-team', 'payments-team', 'search-team'];
const SYSTEMS: Record<string, string[]> = {
  'platform-team': ['identity', 'observability', 'tooling'],
  'payments-team': ['payments', 'checkout', 'ledger'],
  'search-team': ['search', 'indexer', 'ranking'],
};
const ENVIRONMENTS = ['prod', 'prod', 'staging', 'dev'];
const KUBERNETES_VERSIONS = ['1.31', '1.32', '1.33'];
const KARPENTER_VERSIONS = ['1.6.2', '1.10.1', '1.12.0'];
const WORKLOADS_PER_CLUSTER = 10;

/** Zones per region (AZ ID counts as in AWS); others get 3. */
const REGION_ZONE_COUNT: Record<string, number> = {
  'us-east-1': 6,
  'us-west-2': 4,
  'eu-west-1': 3,
};
const DIRECTIONS: Record<string, string> = {
  east: 'e',
  west: 'w',
  north: 'n',
  south: 's',
  central: 'c',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
};

/** AZ ID prefix as AWS forms it: us-east-1 -> use1, ap-southeast-2 -> apse2. */
export function zoneIdPrefix(region: string): string {
  const parts = region.split('-');
  const number = parts.pop();
  const [area, ...words] = parts;
  return `${area}${words
    .map(word => DIRECTIONS[word] ?? word[0])
    .join('')}${number}`;
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Each account maps zone names to AZ IDs in its own order, as AWS does. */
function generateAccount(
  index: number,
  regions: string[],
  random: Random,
): AccountSpec {
  const id = String(100000000000 + index * 111111111).padStart(12, '0');
  const zones: AccountSpec['zones'] = {};
  for (const region of regions) {
    const count = REGION_ZONE_COUNT[region] ?? 3;
    const ids = Array.from(
      { length: count },
      (_, i) => `${zoneIdPrefix(region)}-az${i + 1}`,
    );
    const order = shuffled(ids, random);
    zones[region] = Object.fromEntries(
      order.map((zoneId, i) => [
        `${region}${String.fromCharCode(97 + i)}`,
        zoneId,
      ]),
    );
  }
  return { id, name: `account-${index + 1}`, zones };
}

function zoneRequirement(
  zones: string[],
  zoneIds: string[],
  allZoneIds: string[],
  random: Random,
): NodeSelectorRequirement[] {
  switch (random.int(4)) {
    case 0:
      return [{ key: ZONE_LABEL, operator: 'In', values: zones }];
    case 1:
      return [{ key: ZONE_ID_LABEL, operator: 'In', values: zoneIds }];
    case 2: {
      const excluded = allZoneIds.filter(id => !zoneIds.includes(id));
      return excluded.length
        ? [{ key: ZONE_ID_LABEL, operator: 'NotIn', values: excluded }]
        : [];
    }
    default:
      return [];
  }
}

/** Splits `total` into `parts` near-equal counts. */
function split(total: number, parts: number): number[] {
  return Array.from(
    { length: parts },
    (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0),
  );
}

function workloads(
  podsPerCluster: number,
  allocatable: { milliCpu: number; memory: number },
  system: string,
  random: Random,
  readiness: { zoneCount: number; random: Random },
): WorkloadSpec[] {
  // Utilisation from 35% to 80%: above 66.7% a three-zone cluster cannot lose an AZ.
  const utilisation = 0.35 + random.next() * 0.45;
  // The DNS takes a replica per zone out of the cluster's pods (when it has 10 or more).
  const dnsReplicas = podsPerCluster >= 10 ? readiness.zoneCount : 0;
  const servicePods = podsPerCluster - dnsReplicas;
  const count = Math.min(WORKLOADS_PER_CLUSTER, Math.max(servicePods, 1));
  const replicas = split(servicePods, count);
  const cpuPerPod = Math.max(
    10,
    Math.floor(
      (allocatable.milliCpu * utilisation) / Math.max(podsPerCluster, 1) / 10,
    ) * 10,
  );
  const memoryPerPod = Math.max(
    16,
    Math.floor(
      (allocatable.memory * utilisation) /
        Math.max(podsPerCluster, 1) /
        2 ** 20 /
        16,
    ) * 16,
  );
  const services = replicas.map((n, i) => ({
    name: `${system}-svc-${i + 1}`,
    namespace: system,
    replicas: n,
    cpu: `${cpuPerPod}m`,
    memory: `${memoryPerPod}Mi`,
    ...(i === 0 && random.int(10) === 0 ? { doNotDisrupt: true } : {}),
  }));
  return withReadiness(services, dnsReplicas, readiness.random);
}

function practiceRun(account: string, region: string, name: string) {
  return {
    outcomeAlarms: [
      {
        type: 'CLOUDWATCH',
        alarmIdentifier: `arn:aws:cloudwatch:${region}:${account}:alarm:${name}-practice-outcome`,
      },
    ],
  };
}

function generateCluster(
  index: number,
  options: GenerateFleetOptions,
  account: AccountSpec,
  region: string,
  random: Random,
): ClusterSpec {
  const team = TEAMS[index % TEAMS.length];
  const system = random.pick(SYSTEMS[team]);
  const environment = random.pick(ENVIRONMENTS);
  const name = `${system}-${environment}-${String(index + 1).padStart(4, '0')}`;
  const regionZones = Object.entries(account.zones[region]);
  const zoneCount = random.int(5) === 0 ? 2 : 3;
  const chosen = regionZones.slice(0, zoneCount);
  const zones = chosen.map(([zoneName]) => zoneName);
  const zonalShiftEnabled = random.next() < 0.7;
  const autoshift = zonalShiftEnabled && random.next() < 0.3;
  const karpenterVersion =
    random.next() < 0.6 ? random.pick(KARPENTER_VERSIONS) : undefined;
  const type = instanceType(DEFAULT_INSTANCE_TYPE)!;
  const perNode = nodeResources(type).allocatable;
  const nodePool: NodePoolSpec | undefined = karpenterVersion
    ? {
        name: 'default',
        requirements: zoneRequirement(
          zones,
          chosen.map(([, id]) => id),
          regionZones.map(([, id]) => id),
          random,
        ),
        instanceTypes: [type.name],
        disruption: { budgets: [{ nodes: '10%' }] },
      }
    : undefined;
  const nodeCounts = split(options.nodesPerCluster, zones.length);
  return {
    name,
    account: account.id,
    region,
    version: random.pick(KUBERNETES_VERSIONS),
    zones,
    tags: { owner: team, system, environment },
    zonalShift: {
      enabled: zonalShiftEnabled,
      ...(autoshift
        ? {
            autoshift: true,
            practiceRun: practiceRun(account.id, region, name),
          }
        : {}),
    },
    ...(karpenterVersion
      ? {
          karpenter: {
            version: karpenterVersion,
            nativeZonalShift:
              karpenterVersion === '1.12.0' && random.next() < 0.5,
          },
          nodePools: [nodePool!],
        }
      : {}),
    nodes: zones.map((zone, i) => ({
      zone,
      count: nodeCounts[i],
      ...(nodePool
        ? { nodePool: nodePool.name }
        : { nodeGroup: `${system}-ng` }),
    })),
    workloads: workloads(
      options.podsPerCluster,
      {
        milliCpu: perNode.milliCpu * options.nodesPerCluster,
        memory: perNode.memory * options.nodesPerCluster,
      },
      system,
      random,
      { zoneCount: zones.length, random: createRandom(`${name}/readiness`) },
    ),
  };
}

function generateApps(
  clusters: ClusterSpec[],
  random: Random,
): ResilienceAppSpec[] {
  const apps: ResilienceAppSpec[] = [];
  for (let i = 0; i < clusters.length; i += 10) {
    const members = clusters.slice(i, i + 10).filter(() => random.next() < 0.5);
    if (members.length === 0) continue;
    const home = members[0];
    const score = Math.round(random.next() * 1000) / 10;
    const breached = score < 60;
    const compliance = breached ? 'PolicyBreached' : 'PolicyMet';
    apps.push({
      name: `${home.tags!.system}-app-${apps.length + 1}`,
      account: home.account,
      region: home.region,
      clusters: members.map(member => ({
        name: member.name,
        account: member.account,
        region: member.region,
      })),
      resiliencyScore: score,
      complianceStatus: compliance,
      policy: {
        Software: { rtoInSecs: 3600, rpoInSecs: 3600 },
        Hardware: { rtoInSecs: 3600, rpoInSecs: 3600 },
        AZ: { rtoInSecs: 1800, rpoInSecs: 900 },
      },
      assessment: {
        complianceStatus: compliance,
        disruptionScore: { Software: score, Hardware: score, AZ: score },
        compliance: {
          AZ: {
            complianceStatus: compliance,
            currentRtoInSecs: breached ? 7200 : 600,
            currentRpoInSecs: 300,
          },
        },
      },
    });
  }
  return apps;
}

/**
 * Generates a fleet spec of the given size, the same for the same seed.
 *
 * @public
 */
export function generateFleet(options: GenerateFleetOptions): FleetSpec {
  const random = createRandom(`generate:${options.seed}`);
  const regions = options.regions ?? DEFAULT_REGIONS;
  const accounts = Array.from({ length: options.accounts ?? 2 }, (_, i) =>
    generateAccount(i, regions, random),
  );
  const clusters = Array.from({ length: options.clusters }, (_, i) =>
    generateCluster(
      i,
      options,
      accounts[i % accounts.length],
      regions[Math.floor(i / accounts.length) % regions.length],
      random,
    ),
  );
  return { accounts, clusters, resilienceApps: generateApps(clusters, random) };
}
