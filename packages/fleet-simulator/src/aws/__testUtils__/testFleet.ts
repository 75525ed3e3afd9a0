import { createManualClock } from '../../clock';
import type {
  FleetModel,
  KubeObject,
  KubeResource,
  KubeStore,
  SimAccount,
  SimAssessment,
  SimCluster,
  SimResilienceApp,
  SimSubnet,
  SimZone,
} from '../../model/types';

/**
 * A small hand-built fleet for the AWS emulators' tests: two accounts with
 * different AZ name<->ID maps, two regions, clusters with tags (one with a
 * quote in a tag value), subnets per zone and Resilience Hub apps. Kubernetes
 * objects come from a stub store that only lists Deployments.
 */

export const ACCOUNT_A = '111111111111';
export const ACCOUNT_B = '222222222222';
/** Access keys naming each account (see callerAccountId). */
export const KEY_A = `AKID${ACCOUNT_A}EXAMPLE`;
export const KEY_B = `AKID${ACCOUNT_B}EXAMPLE`;
/** A key naming no account: acts in the fleet's first account (A). */
export const KEY_UNMAPPED = 'AKIDEXAMPLEEXAMPLE';

export const CREATED_AT = Date.UTC(2025, 0, 15, 12, 0, 0);
/** Clusters named load-01..load-27 in A/us-east-1, so queries need several pages. */
export const LOAD_CLUSTERS = 27;

const ZONE_IDS: Record<string, string[]> = {
  'us-east-1': ['use1-az1', 'use1-az2', 'use1-az4'],
  'eu-west-1': ['euw1-az1', 'euw1-az2', 'euw1-az3'],
};

/** Account A maps a->az1, b->az2, ...; account B is rotated by one (a->az2). */
function zonesOf(rotation: number): Record<string, SimZone[]> {
  return Object.fromEntries(
    Object.entries(ZONE_IDS).map(([region, ids]) => [
      region,
      ids.map((_, i) => ({
        name: `${region}${'abc'[i]}`,
        id: ids[(i + rotation) % ids.length],
      })),
    ]),
  );
}

export const ACCOUNTS: SimAccount[] = [
  { accountId: ACCOUNT_A, zones: zonesOf(0) },
  { accountId: ACCOUNT_B, zones: zonesOf(1) },
];

function subnetsOf(account: SimAccount): SimSubnet[] {
  return Object.entries(account.zones).flatMap(([region, zones]) =>
    zones.map((zone, i) => {
      const subnetId = `subnet-${account.accountId.slice(0, 3)}${region.slice(
        0,
        2,
      )}${i}`;
      return {
        subnetId,
        vpcId: `vpc-${account.accountId.slice(0, 3)}${region.slice(0, 2)}`,
        accountId: account.accountId,
        region,
        zone,
        arn: `arn:aws:ec2:${region}:${account.accountId}:subnet/${subnetId}`,
      };
    }),
  );
}

export const SUBNETS: SimSubnet[] = ACCOUNTS.flatMap(subnetsOf);

/** A KubeStore that serves Deployments per namespace and refuses writes. */
export function stubKubeStore(
  deployments: Record<string, number> = {},
): KubeStore {
  const objects = (namespace?: string): KubeObject[] =>
    Object.entries(deployments)
      .filter(([ns]) => namespace === undefined || ns === namespace)
      .flatMap(([ns, count]) =>
        Array.from({ length: count }, (_, i) => ({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: `app-${i}`, namespace: ns },
        })),
      );
  const refuse = (): never => {
    throw new Error('the stub KubeStore is read-only');
  };
  return {
    list: (resource: KubeResource, namespace?: string) =>
      resource === 'deployments' ? objects(namespace) : [],
    get: () => undefined,
    create: refuse,
    update: refuse,
    delete: refuse,
    resourceVersion: () => '1',
    watch: () => () => undefined,
  };
}

function cluster(
  accountId: string,
  region: string,
  name: string,
  tags: Record<string, string>,
  options: Partial<SimCluster> = {},
): SimCluster {
  const subnets = SUBNETS.filter(
    s => s.accountId === accountId && s.region === region,
  );
  return {
    arn: `arn:aws:eks:${region}:${accountId}:cluster/${name}`,
    name,
    accountId,
    region,
    version: '1.33',
    status: 'ACTIVE',
    createdAt: CREATED_AT,
    tags,
    zonalShiftEnabled: true,
    zones: subnets.map(s => s.zone),
    subnetIds: subnets.map(s => s.subnetId),
    securityGroupIds: [`sg-${name}`],
    roleArn: `arn:aws:iam::${accountId}:role/eks-${name}`,
    endpoint: `http://127.0.0.1:1/k8s/${name}`,
    certificateAuthorityData: Buffer.from(`ca of ${name}`).toString('base64'),
    karpenter: { nativeZonalShift: false },
    kube: stubKubeStore(),
    ...options,
  };
}

function assessment(
  appArn: string,
  index: number,
  score: number,
  complianceStatus: SimAssessment['complianceStatus'],
): SimAssessment {
  const startTime = CREATED_AT + index * 86_400_000;
  return {
    assessmentArn: `${appArn.replace(':app/', ':app-assessment/')}-${index}`,
    assessmentName: `daily-${index}`,
    startTime,
    endTime: startTime + 600_000,
    assessmentStatus: 'Success',
    complianceStatus,
    resiliencyScore: {
      score,
      disruptionScore: { AZ: score, Region: score / 2 },
    },
    compliance: {
      AZ: { complianceStatus, currentRtoInSecs: 300, currentRpoInSecs: 60 },
      Region: {
        complianceStatus: 'PolicyBreached',
        currentRtoInSecs: 7200,
        currentRpoInSecs: 3600,
      },
    },
    policy: {
      AZ: { rtoInSecs: 600, rpoInSecs: 300 },
      Region: { rtoInSecs: 3600, rpoInSecs: 1800 },
    },
  };
}

function app(
  accountId: string,
  region: string,
  name: string,
  eksSources: SimResilienceApp['eksSources'],
  scores: number[],
): SimResilienceApp {
  const appArn = `arn:aws:resiliencehub:${region}:${accountId}:app/${name}-0000`;
  const assessments = scores.map((score, i) =>
    assessment(appArn, i, score, score >= 50 ? 'PolicyMet' : 'PolicyBreached'),
  );
  const last = assessments[assessments.length - 1];
  return {
    appArn,
    name,
    accountId,
    region,
    creationTime: CREATED_AT,
    complianceStatus: last?.complianceStatus ?? 'NotAssessed',
    resiliencyScore: last?.resiliencyScore.score ?? 0,
    rtoInSecs: 600,
    rpoInSecs: 300,
    driftStatus: 'NotDetected',
    eksSources,
    assessments,
  };
}

export function createTestFleet(): FleetModel {
  const arn = (accountId: string, region: string, name: string) =>
    `arn:aws:eks:${region}:${accountId}:cluster/${name}`;
  const clusters: SimCluster[] = [
    cluster(
      ACCOUNT_A,
      'us-east-1',
      'payments-prod',
      { team: 'payments', env: 'prod' },
      {
        kube: stubKubeStore({ payments: 3, checkout: 2 }),
      },
    ),
    cluster(
      ACCOUNT_A,
      'us-east-1',
      'payments-staging',
      { team: 'payments', env: 'staging' },
      {
        zonalShiftEnabled: false,
        version: '1.32',
      },
    ),
    cluster(ACCOUNT_A, 'us-east-1', 'search-prod', {
      team: 'search',
      env: 'prod',
      owner: "o'reilly",
    }),
    ...Array.from({ length: LOAD_CLUSTERS }, (_, i) =>
      cluster(
        ACCOUNT_A,
        'us-east-1',
        `load-${String(i + 1).padStart(2, '0')}`,
        { team: 'load' },
      ),
    ),
    cluster(ACCOUNT_A, 'eu-west-1', 'web-eu', { team: 'web', env: 'prod' }),
    cluster(ACCOUNT_B, 'us-east-1', 'batch-prod', {
      team: 'batch',
      env: 'prod',
    }),
    cluster(ACCOUNT_B, 'eu-west-1', 'batch-eu', { team: 'batch', env: 'prod' }),
  ];
  const apps: SimResilienceApp[] = [
    app(
      ACCOUNT_A,
      'us-east-1',
      'payments',
      [
        {
          eksClusterArn: arn(ACCOUNT_A, 'us-east-1', 'payments-prod'),
          namespaces: ['payments', 'checkout'],
        },
        {
          eksClusterArn: arn(ACCOUNT_A, 'us-east-1', 'payments-staging'),
          namespaces: ['payments'],
        },
      ],
      [40, 72.5],
    ),
    app(
      ACCOUNT_A,
      'us-east-1',
      'search',
      [
        {
          eksClusterArn: arn(ACCOUNT_A, 'us-east-1', 'search-prod'),
          namespaces: ['search'],
        },
      ],
      [55, 60, 65],
    ),
    app(ACCOUNT_A, 'us-east-1', 'unassessed', [], []),
    app(
      ACCOUNT_B,
      'us-east-1',
      'batch',
      [
        {
          eksClusterArn: arn(ACCOUNT_B, 'us-east-1', 'batch-prod'),
          namespaces: ['batch'],
        },
      ],
      [90],
    ),
  ];
  return {
    clock: createManualClock(),
    accounts: () => ACCOUNTS,
    clusters: () => clusters,
    cluster: clusterArn => clusters.find(c => c.arn === clusterArn),
    subnets: () => SUBNETS,
    resilienceApps: () => apps,
  };
}
