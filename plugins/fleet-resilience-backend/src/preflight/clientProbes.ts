/**
 * The preflight's probes on the real clients: the node package's AWS probes,
 * ARC client, EKS describer and Kubernetes access reviewer, each role with
 * its own credentials (the reader's for every read, the operator's for the
 * Kubernetes writes the reconciler makes).
 */
import type { Config } from '@backstage/config';
import {
  AwsEksClusterDescriber,
  AwsPreflightProbes,
  KubernetesAccessReviewer,
  kubernetesFailureKind,
  type AwsClients,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { ReachFailure } from '../domain/preflightKubernetes';
import type { PreflightProbes } from './runPreflight';

function reachKind(error: unknown): ReachFailure {
  const kind = kubernetesFailureKind(error);
  switch (kind) {
    case 'unreachable':
    case 'timeout':
    case 'unauthorized':
    case 'endpoint-not-used':
    case 'no-token':
      return kind;
    default:
      return 'other';
  }
}

export function createClientProbes(options: {
  config: Config;
  reader: AwsClients;
  operator: AwsClients;
}): PreflightProbes {
  const { config } = options;
  const aws = {
    reader: new AwsPreflightProbes({ clients: options.reader }),
    operator: new AwsPreflightProbes({ clients: options.operator }),
  };
  const reviewers = {
    reader: KubernetesAccessReviewer.fromConfig(config, {
      clients: options.reader,
    }),
    operator: KubernetesAccessReviewer.fromConfig(config, {
      clients: options.operator,
    }),
  };
  const eks = new AwsEksClusterDescriber({ clients: options.reader });
  return {
    callerIdentity: (role, target, signal) =>
      aws[role].callerIdentity(target, { signal }),
    configRecorders: (target, signal) =>
      aws.reader.configRecorders(target, { signal }),
    hasConfigResource: (input, signal) =>
      aws.reader.hasConfigResource(input, { signal }),
    async listManagedResources(target, signal) {
      const arc = await options.reader.arc(target);
      signal.throwIfAborted();
      const page = await arc.listManagedResources({ maxResults: 10 });
      return page.items.length;
    },
    async describeCluster(ref, signal) {
      const details = await eks.describe(ref, { signal });
      return {
        zonalShiftEnabled: details.zonalShiftEnabled,
        ...(details.endpoint ? { endpoint: details.endpoint } : {}),
        ...(details.certificateAuthorityData
          ? { certificateAuthorityData: details.certificateAuthorityData }
          : {}),
      };
    },
    async reviewAccess(role, target, requests, signal) {
      try {
        const decisions = await reviewers[role].review(target, requests, {
          signal,
        });
        return {
          ok: true,
          decisions: decisions.map(d => ({
            allowed: d.allowed,
            ...(d.reason ? { reason: d.reason } : {}),
          })),
        };
      } catch (error) {
        return {
          ok: false,
          kind: reachKind(error),
          endpoint: target.endpoint,
          detail: error instanceof Error ? error.message : String(error),
        };
      }
    },
  };
}
