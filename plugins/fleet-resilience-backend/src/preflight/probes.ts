/**
 * The calls a preflight run makes (the probes), and `probe`: one call with
 * its own timeout, its failure turned into plain data.
 */
import type { EksClusterRef } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { RoleInAccount } from '../domain/preflightChecks';
import type { RecorderObservation } from '../domain/preflightConfig';
import { probeErrorOf, type ProbeOutcome } from '../domain/preflightFailures';
import type {
  ReachOutcome,
  ResourceAccess,
} from '../domain/preflightKubernetes';
import type { AccountRegion } from './preflightPlan';

/** What EKS DescribeCluster says about a cluster, for the Kubernetes checks. */
export interface DescribedTarget {
  endpoint?: string;
  certificateAuthorityData?: string;
  zonalShiftEnabled: boolean;
}

/** The calls a run makes; each throws what the service answered. */
export interface PreflightProbes {
  callerIdentity(
    role: RoleInAccount['role'],
    target: AccountRegion,
    signal: AbortSignal,
  ): Promise<{ arn: string }>;
  configRecorders(
    target: AccountRegion,
    signal: AbortSignal,
  ): Promise<RecorderObservation[]>;
  hasConfigResource(
    input: {
      at: AccountRegion;
      resourceType: string;
      aggregatorName?: string;
      of?: AccountRegion;
    },
    signal: AbortSignal,
  ): Promise<boolean>;
  listManagedResources(
    target: AccountRegion,
    signal: AbortSignal,
  ): Promise<number>;
  describeCluster(
    ref: EksClusterRef,
    signal: AbortSignal,
  ): Promise<DescribedTarget>;
  /** The authorizer's decisions, in the order asked, or why the API could not be asked. */
  reviewAccess(
    role: RoleInAccount['role'],
    target: {
      ref: EksClusterRef;
      endpoint: string;
      certificateAuthorityData?: string;
    },
    requests: readonly ResourceAccess[],
    signal: AbortSignal,
  ): Promise<ReviewAnswer>;
}

export type ReviewAnswer =
  | { ok: true; decisions: Array<{ allowed: boolean; reason?: string }> }
  | Exclude<ReachOutcome, { ok: true }>;

export interface RunSettings {
  /** Accounts or regions probed at once. */
  concurrency: number;
  /** Clusters probed at once; default `concurrency`. */
  clusterConcurrency?: number;
  /** Per call. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Runs `call` with its own timeout; what it threw becomes the outcome. */
export async function probe<T>(
  call: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  outer?: AbortSignal,
): Promise<ProbeOutcome<T>> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  outer?.addEventListener('abort', abort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`no answer within ${timeoutMs} ms`);
      error.name = 'TimeoutError';
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    // The race bounds a call that ignores its signal.
    return {
      ok: true,
      value: await Promise.race([call(controller.signal), timeout]),
    };
  } catch (error) {
    return { ok: false, error: probeErrorOf(error) };
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', abort);
  }
}
