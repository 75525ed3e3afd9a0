/**
 * `GET /api/fleet-resilience/inventory`: the fleet's clusters as the
 * backend's inventory sources reported them (no ARC, capacity or N-1 data;
 * only the AZ readiness verdict, which the catalog labels), with the state of
 * each source's last read. The catalog module builds its
 * entities from it; anything else that needs the raw inventory reads it
 * rather than reading AWS Config again.
 */
import type { Paging } from './api';
import type { EksClusterRef } from './cluster';
import type { ReadinessVerdict } from './readiness/types';

/**
 * Path of the inventory under the plugin's base URL.
 *
 * @public
 */
export const FLEET_INVENTORY_PATH = '/inventory';

/**
 * Query parameters of `GET /inventory`: `limit` (1 to
 * `PAGING_LIMITS.maxLimit`, default `PAGING_LIMITS.defaultLimit`) and
 * `offset`. Items are ordered by cluster name, then ARN.
 *
 * @public
 */
export const FLEET_INVENTORY_QUERY = {
  limit: 'limit',
  offset: 'offset',
} as const;

/**
 * One cluster as its inventory source reported it.
 *
 * @public
 */
export interface FleetInventoryCluster {
  ref: EksClusterRef;
  /** Id of the inventory source that reported it, e.g. `aws-config`. */
  sourceId: string;
  /** Kubernetes version, e.g. `1.33`. */
  version?: string;
  /** `ACTIVE`, `CREATING`, ... when the source knows it. */
  status?: string;
  /** Kubernetes API server URL. */
  endpoint?: string;
  /** Base64 PEM of the API server's CA. */
  certificateAuthorityData?: string;
  /** The cluster's AWS tags. */
  tags: Record<string, string>;
  /** The value of the owner tag (`fleetResilience.tags.owner`), as tagged. */
  owner?: string;
  /** The value of the system tag (`fleetResilience.tags.system`), as tagged. */
  system?: string;
  /**
   * The cluster's AZ readiness verdict (`unknown` until its readiness was
   * assessed); absent from backends that predate it.
   */
  readiness?: ReadinessVerdict;
  firstSeenAt: string;
  lastSeenAt: string;
}

/**
 * The last read of one inventory source.
 *
 * @public
 */
export interface FleetInventorySourceStatus {
  /** The source's id, e.g. `aws-config`. */
  id: string;
  lastAttemptAt: string;
  /** Whether the last read covered everything (no account/region left unread). */
  ok: boolean;
  /** The last read that covered everything; absent until there is one. */
  lastSuccessAt?: string;
  /** Why the last read failed or was incomplete. */
  errorMessage?: string;
}

/**
 * `GET /inventory`.
 *
 * @remarks
 * A source's failed or incomplete read removes nothing: the inventory keeps
 * what was known of what could not be read. A source that was never read
 * has no entry in `sources`.
 *
 * @public
 */
export interface FleetInventoryResponse {
  items: FleetInventoryCluster[];
  /** Clusters over all pages. */
  totalCount: number;
  paging: Paging;
  /** Every inventory source read so far, by id. */
  sources: FleetInventorySourceStatus[];
}
