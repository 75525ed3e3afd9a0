/**
 * Starts the whole simulator on one local origin: the fleet model, each
 * cluster's Kubernetes API under `/k8s/<clusterId>`, AWS Config, EKS,
 * Resilience Hub and ARC zonal shift (picked by SigV4 signing name), the
 * control API under `/_sim/`, and fault injection in front of them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createArcEmulator, type ArcEmulator } from './arc';
import {
  createConfigService,
  createEksService,
  createEksUpdates,
  createResilienceHubService,
  type EksUpdates,
} from './aws';
import { createManualClock, type SimClock } from './clock';
import { createControlApi } from './control/api';
import {
  accessKeyIdFor,
  SIMULATOR_SECRET_ACCESS_KEY,
} from './control/credentials';
import {
  createFaultInjector,
  type FaultInjector,
  type FaultSettings,
} from './control/faults';
import { createIamGate, type AwsRequestCount } from './iam';
import { createKubernetesApi } from './kubernetes';
import {
  DEFAULT_RBAC_USER,
  setForbidden,
  type KubeVerb,
} from './kubernetes/rbac';
import { clusterArn, createSimFleet, type SimFleet } from './model/fleet';
import { parseFleetYaml, validateFleetSpec } from './model/parse';
import type { FleetSpec, IamDenySpec } from './model/spec';
import type { SimCluster } from './model/types';
import { startServer } from './server';
import {
  createSqsEmulator,
  DEFAULT_ARC_EVENT_QUEUE_NAME,
  type ArcEventQueueTarget,
  type SqsEmulator,
} from './sqs';
import { createRoleSessions, createStsService } from './sts';

/**
 * Options of {@link startSimulator}.
 *
 * @public
 */
export interface StartSimulatorOptions {
  /** A fleet spec, YAML text, or the path of a `.yaml`/`.yml`/`.json` fleet file. */
  fleet: FleetSpec | string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: a manual clock starting at 2026-11-22T08:00:00Z. */
  clock?: SimClock;
  /** Seeds names, addresses and fault streams. Default 1. */
  seed?: number;
  /**
   * Deliver ARC's EventBridge events to this SQS queue (created when
   * missing); defaults: the fleet's first account, us-east-1,
   * `fleet-resilience-arc-events`. Off when absent; `PUT /_sim/arc-event-queue` sets it later.
   */
  arcEventQueue?: Partial<ArcEventQueueTarget>;
  /**
   * Simulated time an EKS cluster update (UpdateClusterConfig) takes from
   * InProgress to Successful; default 60 s. `PUT /_sim/eks/updates` changes it.
   */
  eksUpdateDurationMs?: number;
}

/**
 * How an AWS SDK client (or the project's ARC client) reaches the simulator.
 *
 * @public
 */
export interface SimulatorClientSettings {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

/**
 * How `@kubernetes/client-node` reaches one simulated cluster.
 *
 * @public
 */
export interface SimulatorKubernetesSettings {
  /** The cluster's `Endpoint` as Config and EKS report it. */
  server: string;
  /** Any bearer token is accepted; EKS-style `k8s-aws-v1.` tokens are checked for form. */
  token: string;
}

/**
 * A started simulator: its URL, model, emulators and controls.
 *
 * @public
 */
export interface RunningSimulator {
  /** `http://<host>:<port>`. */
  url: string;
  clock: SimClock;
  model: SimFleet;
  arc: ArcEmulator;
  /** EKS cluster updates: duration and armed failures (see `/_sim/eks/...`). */
  eksUpdates: EksUpdates;
  faults: FaultInjector;
  /** The SQS emulator: queues and the delivery of ARC events. */
  sqs: SqsEmulator;
  /** The URL of the queue ARC events are delivered to; undefined when delivery is off. */
  arcEventQueueUrl(): string | undefined;
  /** Moves simulated time (same as `POST /_sim/clock/advance`). */
  advance(ms: number): void;
  /** Replaces the fault settings (same as `PUT /_sim/faults`). */
  setFaults(settings: FaultSettings): void;
  /** The AWS request log by principal and IAM action (same as `GET /_sim/aws-requests`). */
  awsRequests(): AwsRequestCount[];
  /** Empties the request log (same as `DELETE /_sim/aws-requests`). */
  clearAwsRequests(): void;
  /** Replaces the IAM denials (same as `PUT /_sim/iam`). */
  setIamDenies(denies: IamDenySpec[]): void;
  /** Client settings acting in `accountId` (default: the fleet's first account). */
  clientSettings(options?: {
    accountId?: string;
    region?: string;
  }): SimulatorClientSettings;
  kubernetesSettings(cluster: SimCluster): SimulatorKubernetesSettings;
  stop(): Promise<void>;
}

/**
 * The static bearer token the simulator hands out for its Kubernetes APIs.
 *
 * @public
 */
export const SIMULATOR_KUBE_TOKEN = 'fleet-simulator-token';

/** Settings for AWS clients of a simulator at `url`, acting in `accountId`. */
export function simulatorClientSettings(
  url: string,
  accountId: string,
  region = 'us-east-1',
): SimulatorClientSettings {
  return {
    endpoint: url,
    region,
    credentials: {
      accessKeyId: accessKeyIdFor(accountId),
      secretAccessKey: SIMULATOR_SECRET_ACCESS_KEY,
    },
  };
}

/** Reads a fleet from a spec object, YAML text or a file path, validating it. */
export function loadFleetSpec(source: FleetSpec | string): FleetSpec {
  if (typeof source !== 'string') return validateFleetSpec(source);
  const looksLikePath =
    !source.includes('\n') && /\.(ya?ml|json)$/i.test(source.trim());
  if (!looksLikePath) return parseFleetYaml(source);
  const path = source.trim();
  if (!existsSync(path)) throw new Error(`fleet file not found: ${path}`);
  return parseFleetYaml(readFileSync(path, 'utf8'));
}

/**
 * Starts the whole simulator on one local origin.
 *
 * @public
 */
export async function startSimulator(
  options: StartSimulatorOptions,
): Promise<RunningSimulator> {
  const clock = options.clock ?? createManualClock();
  const seed = options.seed ?? 1;
  const spec = loadFleetSpec(options.fleet);
  const model = createSimFleet(spec, { clock, seed });
  const sessions = createRoleSessions();
  const identities = { accounts: () => spec.accounts, sessions };
  const iam = createIamGate(identities, spec.iam?.denies);
  let baseUrl = '';
  const accountIds = () => model.accounts().map(account => account.accountId);
  const sqs = createSqsEmulator({ clock, accountIds, baseUrl: () => baseUrl });
  const arc = createArcEmulator({
    clock,
    fleet: model.eksZonalShift,
    settings: model.arcSettings(),
    onEvent: event => {
      model.events.record({
        source: event.source,
        type: event['detail-type'],
        ...(event.resources.length === 1
          ? { clusterArn: event.resources[0] }
          : {}),
        detail: { ...event },
      });
      sqs.arcEvents.deliver(event);
    },
  });
  if (options.arcEventQueue) {
    sqs.arcEvents.setTarget({
      accountId:
        options.arcEventQueue.accountId ?? accountIds()[0] ?? '000000000000',
      region: options.arcEventQueue.region ?? 'us-east-1',
      queueName:
        options.arcEventQueue.queueName ?? DEFAULT_ARC_EVENT_QUEUE_NAME,
    });
  }
  const eksUpdates = createEksUpdates(model, {
    durationMs: options.eksUpdateDurationMs,
  });
  const faults = createFaultInjector(seed);
  const kubernetes = createKubernetesApi({
    resolveCluster: id => model.clusterById(id),
    injectConflict: faults.injectConflict,
    roleOfAccessKey: accessKeyId => sessions.get(accessKeyId)?.roleName,
  });
  const server = await startServer(
    {
      aws: [
        createConfigService(model),
        createEksService(model, eksUpdates),
        createResilienceHubService(model),
        arc,
        sqs.service,
        createStsService(identities),
      ],
      kubernetes: faults.wrapKubernetes(kubernetes),
      control: createControlApi({
        clock,
        fleet: model,
        arc,
        faults,
        seed,
        sqs,
        iam,
        eksUpdates,
      }),
      beforeAws: async (service, request, caller) => {
        const answer =
          iam.check(service, request, caller) ??
          (await faults.beforeAws(service, request));
        // The service's own time starts after the injected latency.
        if (!answer) iam.handling(request);
        return answer;
      },
      afterAws: (service, request, response) => {
        iam.handled(request);
        return faults.afterAws(service, request, response);
      },
    },
    options.port ?? 0,
    options.host,
  ).catch(error => {
    sqs.dispose();
    arc.dispose();
    eksUpdates.dispose();
    model.stop();
    throw error;
  });
  for (const clusterSpec of spec.clusters) {
    const cluster = model.cluster(clusterArn(clusterSpec));
    if (cluster && clusterSpec.kubernetesForbidden) {
      setForbidden(cluster, {
        user: DEFAULT_RBAC_USER,
        rules: clusterSpec.kubernetesForbidden.map(rule => ({
          ...rule,
          verb: rule.verb as KubeVerb,
          group: rule.group ?? '',
        })),
      });
    }
  }
  model.setBaseUrl(server.url);
  baseUrl = server.url;
  const defaultAccount = model.accounts()[0]?.accountId ?? '000000000000';
  return {
    url: server.url,
    clock,
    model,
    arc,
    eksUpdates,
    faults,
    sqs,
    arcEventQueueUrl: () => {
      const target = sqs.arcEvents.target();
      const queue =
        target &&
        sqs.queues.get(target.accountId, target.region, target.queueName);
      return queue ? sqs.service.queueUrl(queue) : undefined;
    },
    advance: ms => clock.advance(ms),
    setFaults: settings => faults.configure(settings),
    awsRequests: () => iam.awsRequests(),
    clearAwsRequests: () => iam.clearAwsRequests(),
    setIamDenies: denies => iam.setDenies(denies),
    clientSettings: ({ accountId, region } = {}) =>
      simulatorClientSettings(server.url, accountId ?? defaultAccount, region),
    kubernetesSettings: cluster => ({
      server: cluster.endpoint,
      token: SIMULATOR_KUBE_TOKEN,
    }),
    async stop() {
      kubernetes.closeWatches();
      sqs.dispose();
      arc.dispose();
      eksUpdates.dispose();
      model.stop();
      await server.close();
    },
  };
}
