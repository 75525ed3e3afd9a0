/**
 * Builds the simulated fleet from a FleetSpec: accounts with their AZ maps,
 * clusters with subnets and ARC settings, Resilience Hub apps, and for each
 * cluster a KubeStore filled on first use (so a fleet of thousands starts
 * fast). Wires the EKS zonal shift behaviour and the in-cluster controllers.
 */
import { createHash } from 'node:crypto';
import type { ArcResourceSettings } from '../arc/types';
import type { SimClock } from '../clock';
import { createKubeStore } from '../kubernetes/store';
import { startControllers, type Controllers } from './controllers';
import { parseDuration } from './duration';
import { createEksZonalShift, type EksZonalShift } from './eksZonalShift';
import { createEventLog, type EventLog } from './events';
import { materialiseCluster, type ClusterContext } from './materialise';
import { createClusterNames } from './naming';
import { createRandom } from './random';
import type { ClusterSpec, FleetSpec, ResilienceAppSpec } from './spec';
import type {
  FleetModel,
  KubeStore,
  SimAccount,
  SimCluster,
  SimResilienceApp,
  SimSubnet,
  SimZone,
} from './types';

/**
 * Options of the simulated fleet: its clock, seed and origin.
 *
 * @public
 */
export interface SimFleetOptions {
  clock: SimClock;
  /** Seeds every name and address the simulation draws. Default 1. */
  seed?: number;
  /** The simulator's origin; cluster endpoints are `<baseUrl>/k8s/<clusterId>`. Settable later. */
  baseUrl?: string;
}

/**
 * The simulated fleet: its accounts, clusters, events, ARC view and controllers.
 *
 * @public
 */
export interface SimFleet extends FleetModel {
  readonly spec: FleetSpec;
  readonly events: EventLog;
  /** The fleet as ARC sees it; cordons and uncordons nodes as EKS does. */
  readonly eksZonalShift: EksZonalShift;
  /** Initial ARC settings (autoshift, practice runs) by cluster ARN. */
  arcSettings(): Map<string, ArcResourceSettings>;
  /** The cluster whose Kubernetes API is at `/k8s/<id>`. */
  clusterById(id: string): SimCluster | undefined;
  /** `<accountId>.<region>.<name>`: the cluster's path segment under `/k8s/`. */
  clusterId(cluster: SimCluster): string;
  /** Points every cluster's endpoint at `<baseUrl>/k8s/<clusterId>`. */
  setBaseUrl(baseUrl: string): void;
  /** Whether the cluster's Kubernetes objects exist yet (they are created on first use). */
  isMaterialised(arn: string): boolean;
  /** The in-cluster controllers (scheduler, Karpenter), e.g. to run a round in a test. */
  readonly controllers: Controllers;
  /** Stops following the clock. */
  stop(): void;
}

const DEFAULT_ROUND = '1m';
const DEFAULT_DRIFT_REPLACE_AFTER = '5m';
const DAY = 86_400_000;

function hex(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** A UUID derived from `text`, so a fleet file always yields the same ARNs. */
function stableUuid(text: string): string {
  const h = hex(text, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(
    17,
    20,
  )}-${h.slice(20, 32)}`;
}

export function clusterArn(
  spec: Pick<ClusterSpec, 'region' | 'account' | 'name'>,
): string {
  return `arn:aws:eks:${spec.region}:${spec.account}:cluster/${spec.name}`;
}

function fakeCertificate(arn: string): string {
  const pem = `-----BEGIN CERTIFICATE-----\nSIMULATED${hex(
    arn,
    48,
  )}\n-----END CERTIFICATE-----\n`;
  return Buffer.from(pem).toString('base64');
}

function buildAccounts(spec: FleetSpec): SimAccount[] {
  return spec.accounts.map(account => ({
    accountId: account.id,
    zones: Object.fromEntries(
      Object.entries(account.zones).map(([region, zones]) => [
        region,
        Object.entries(zones).map(([name, id]) => ({ name, id })),
      ]),
    ),
    ...(account.configRecorder
      ? { recordedTypes: [...account.configRecorder.resourceTypes] }
      : {}),
  }));
}

function buildApp(
  app: ResilienceAppSpec,
  index: number,
  start: number,
): SimResilienceApp {
  const appArn = `arn:aws:resiliencehub:${app.region}:${
    app.account
  }:app/${stableUuid(`app:${app.account}:${app.region}:${app.name}`)}`;
  const creationTime = start - 60 * DAY + index * 3_600_000;
  const assessment = app.assessment;
  return {
    appArn,
    name: app.name,
    accountId: app.account,
    region: app.region,
    creationTime,
    complianceStatus: app.complianceStatus,
    resiliencyScore: app.resiliencyScore,
    rtoInSecs: app.policy.AZ?.rtoInSecs,
    rpoInSecs: app.policy.AZ?.rpoInSecs,
    driftStatus: app.driftStatus ?? 'NotDetected',
    eksSources: app.clusters.map(ref => ({
      eksClusterArn: clusterArn({
        region: ref.region ?? app.region,
        account: ref.account ?? app.account,
        name: ref.name,
      }),
      namespaces: ref.namespaces ?? ['default'],
    })),
    assessments: assessment
      ? [
          {
            assessmentArn: `arn:aws:resiliencehub:${app.region}:${
              app.account
            }:app-assessment/${stableUuid(`assessment:${appArn}`)}`,
            assessmentName: `${app.name}-assessment`,
            startTime: start - DAY,
            endTime: start - DAY + 300_000,
            assessmentStatus: 'Success',
            complianceStatus: assessment.complianceStatus,
            resiliencyScore: {
              score: app.resiliencyScore,
              disruptionScore: assessment.disruptionScore,
            },
            compliance: assessment.compliance,
            policy: app.policy,
          },
        ]
      : [],
  };
}

interface ClusterRecord {
  cluster: SimCluster;
  spec: ClusterSpec;
  id: string;
  store?: KubeStore;
  context?: ClusterContext;
}

export function createSimFleet(
  spec: FleetSpec,
  options: SimFleetOptions,
): SimFleet {
  const { clock } = options;
  const seed = options.seed ?? 1;
  const start = clock.now();
  const accounts = buildAccounts(spec);
  const events = createEventLog(clock);
  const records: ClusterRecord[] = [];
  const byArn = new Map<string, ClusterRecord>();
  const byId = new Map<string, ClusterRecord>();
  const subnets: SimSubnet[] = [];
  const materialised: ClusterContext[] = [];
  let baseUrl = options.baseUrl ?? 'http://127.0.0.1';

  function materialise(record: ClusterRecord): KubeStore {
    if (record.store) return record.store;
    const store = createKubeStore(clock);
    record.store = store;
    const random = createRandom(`${seed}:${record.cluster.arn}`);
    const context: ClusterContext = {
      cluster: record.cluster,
      spec: record.spec,
      store,
      names: createClusterNames(
        record.cluster.region,
        record.cluster.zones,
        random,
      ),
      now: clock.now,
    };
    materialiseCluster(context);
    record.context = context;
    materialised.push(context);
    return store;
  }

  spec.clusters.forEach((clusterSpec, index) => {
    const account = accounts.find(
      candidate => candidate.accountId === clusterSpec.account,
    )!;
    const regionZones = account.zones[clusterSpec.region] ?? [];
    const zones: SimZone[] = clusterSpec.zones.map(
      name => regionZones.find(zone => zone.name === name)!,
    );
    const arn = clusterArn(clusterSpec);
    const id = `${clusterSpec.account}.${clusterSpec.region}.${clusterSpec.name}`;
    const vpcId = `vpc-0${hex(`vpc:${arn}`, 16)}`;
    const clusterSubnets = zones.map(zone => {
      const subnetId = `subnet-0${hex(`subnet:${arn}:${zone.id}`, 16)}`;
      return {
        subnetId,
        vpcId,
        accountId: clusterSpec.account,
        region: clusterSpec.region,
        zone,
        arn: `arn:aws:ec2:${clusterSpec.region}:${clusterSpec.account}:subnet/${subnetId}`,
      };
    });
    subnets.push(...clusterSubnets);
    const cluster: SimCluster = {
      arn,
      name: clusterSpec.name,
      accountId: clusterSpec.account,
      region: clusterSpec.region,
      version: clusterSpec.version ?? '1.33',
      status: clusterSpec.status ?? 'ACTIVE',
      createdAt: clusterSpec.createdAt
        ? Date.parse(clusterSpec.createdAt)
        : start - 90 * DAY + index * 60_000,
      tags: { ...(clusterSpec.tags ?? {}) },
      zonalShiftEnabled: clusterSpec.zonalShift?.enabled ?? false,
      zones,
      subnetIds: clusterSubnets.map(subnet => subnet.subnetId),
      securityGroupIds: [`sg-0${hex(`sg:${arn}`, 16)}`],
      roleArn: `arn:aws:iam::${clusterSpec.account}:role/${clusterSpec.name}-cluster-role`,
      endpoint: `${baseUrl}/k8s/${id}`,
      certificateAuthorityData: fakeCertificate(arn),
      karpenter: {
        version: clusterSpec.karpenter?.version,
        nativeZonalShift: clusterSpec.karpenter?.nativeZonalShift ?? false,
      },
      get kube() {
        return materialise(byArn.get(arn)!);
      },
    };
    const record: ClusterRecord = { spec: clusterSpec, id, cluster };
    records.push(record);
    byArn.set(arn, record);
    byId.set(id, record);
  });

  const clusters = records.map(record => record.cluster);
  const apps = (spec.resilienceApps ?? []).map((app, index) =>
    buildApp(app, index, start),
  );

  const eksZonalShift = createEksZonalShift({
    clusters: () => clusters,
    cluster: arn => byArn.get(arn)?.cluster,
    accountIds: () => accounts.map(account => account.accountId),
    events,
    now: clock.now,
  });

  const controllers = startControllers({
    clock,
    clusters: () => materialised,
    karpenterAvoidZone: context =>
      context.cluster.karpenter.nativeZonalShift
        ? eksZonalShift.awayZone(context.cluster.arn)
        : undefined,
    events,
    roundMs: parseDuration(spec.simulation?.round ?? DEFAULT_ROUND)!,
    replaceAfterMs: parseDuration(
      spec.simulation?.driftReplaceAfter ?? DEFAULT_DRIFT_REPLACE_AFTER,
    )!,
  });

  return {
    clock,
    spec,
    events,
    eksZonalShift,
    controllers,
    accounts: () => accounts,
    clusters: () => clusters,
    cluster: arn => byArn.get(arn)?.cluster,
    subnets: () => subnets,
    resilienceApps: () => apps,
    arcSettings() {
      const settings = new Map<string, ArcResourceSettings>();
      for (const record of records) {
        const zonalShift = record.spec.zonalShift;
        if (!zonalShift) continue;
        settings.set(record.cluster.arn, {
          zonalAutoshiftStatus: zonalShift.autoshift ? 'ENABLED' : 'DISABLED',
          ...(zonalShift.practiceRun
            ? { practiceRunConfiguration: zonalShift.practiceRun }
            : {}),
          ...(zonalShift.practiceRunHistory
            ? { practiceRunHistory: zonalShift.practiceRunHistory }
            : {}),
        });
      }
      return settings;
    },
    clusterById: id => byId.get(id)?.cluster,
    clusterId: cluster => byArn.get(cluster.arn)?.id ?? '',
    setBaseUrl(url) {
      baseUrl = url.replace(/\/+$/, '');
      for (const record of records)
        record.cluster.endpoint = `${baseUrl}/k8s/${record.id}`;
    },
    isMaterialised: arn => byArn.get(arn)?.store !== undefined,
    stop: controllers.stop,
  };
}
