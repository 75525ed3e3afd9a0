import type { IndexableDocument } from '@backstage/plugin-search-common';
import type {
  FleetClusterSummary,
  ReadinessVerdict,
  ShiftState,
  SurvivabilityVerdict,
  ZonalShift,
} from '@fleet-resilience/plugin-fleet-resilience-common';

/** The search document type of EKS clusters. @public */
export const FLEET_CLUSTER_DOCUMENT_TYPE = 'fleet-cluster';

/**
 * The parts of a fleet list item (`GET /clusters`) that a search document is
 * made of. A full
 * {@link @fleet-resilience/plugin-fleet-resilience-common#FleetClusterSummary}
 * is one.
 *
 * @public
 */
export type SearchableCluster = Pick<
  FleetClusterSummary,
  | 'ref'
  | 'entityRef'
  | 'version'
  | 'status'
  | 'owner'
  | 'system'
  | 'zones'
  | 'zonalShiftEnabled'
  | 'autoshiftStatus'
  | 'shiftState'
  | 'survivability'
  | 'readiness'
> & {
  activeShift?: Pick<ZonalShift, 'awayFrom' | 'expiryTime' | 'comment'>;
};

/**
 * One EKS cluster in the search index. Besides title, text and location,
 * the fields below can be used as search filters.
 *
 * @public
 */
export interface FleetClusterDocument extends IndexableDocument {
  clusterArn: string;
  clusterName: string;
  accountId: string;
  region: string;
  /** Kubernetes version; empty when unknown. */
  version: string;
  /** AZ names and AZ IDs of the cluster, e.g. `us-east-1a`, `use1-az1`. */
  zones: string[];
  /** Owner as the owner tag says; empty when untagged. */
  owner: string;
  /** System as the system tag says; empty when untagged. */
  system: string;
  shiftState: ShiftState;
  /** The N-1 verdict. */
  verdict: SurvivabilityVerdict;
  /**
   * The AZ readiness verdict as one word (`ready`, `atrisk`, `notready`,
   * `unknown`): Lunr splits filter values on every character that is not a
   * letter or digit and drops `not` as a stop word, so `not-ready` (or
   * `not_ready`) would also match `ready`. `unknown` until the backend
   * assessed it.
   */
  readiness: SearchableReadiness;
  /** The AZ readiness score, 0 to 100 (0 until assessed). */
  readinessScore: number;
  /** The cluster's catalog entity; empty when the catalog module does not name it. */
  entityRef: string;
}

/**
 * A readiness verdict as search documents spell it.
 *
 * @public
 */
export type SearchableReadiness = 'ready' | 'atrisk' | 'notready' | 'unknown';

/**
 * The search spelling of a readiness verdict: `not-ready` is `notready`.
 *
 * @public
 */
export function searchableReadiness(
  verdict: ReadinessVerdict,
): SearchableReadiness {
  return verdict.replace('-', '') as SearchableReadiness;
}
