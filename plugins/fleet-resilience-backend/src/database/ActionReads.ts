/**
 * What the shift actions read besides single clusters: one stored shift by
 * ID (to check it is the cluster's) and, for a fleet-wide shift, the
 * clusters it concerns as the caller's two decisions (read, shift) filter
 * them in SQL, and each cluster's latest capacity and NodePools in two
 * batched reads. Reads only: the shifts are written by arcState.ts,
 * snapshots and NodePools by the Kubernetes ingestion.
 */
import type { ClusterCapacity } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { Knex } from 'knex';
import type {
  NodePoolRecord,
  StoredCluster,
  StoredShift,
} from '../domain/records';
import {
  accessibleArns,
  whereAccessible,
  type ClusterAccess,
} from './clusterAccessSql';
import {
  countOf,
  latestSnapshots,
  nodePoolsOf,
  selectClusters,
} from './clusterReads';
import { shiftFromRow, type ShiftRow } from './rows';

/** What the impact of a shift needs of one cluster. */
export interface ShiftImpactInputs {
  /** The latest capacity; absent until the cluster's Kubernetes API was read. */
  capacity?: ClusterCapacity;
  nodePools: NodePoolRecord[];
}

/** Which clusters a fleet-wide shift concerns, and the caller's access. */
export interface FleetShiftQuery {
  /** AZ ID: the clusters with this AZ, unless `arns` is given. */
  awayFrom: string;
  /** Only these clusters (whatever their AZs: the plan checks them). */
  arns?: readonly string[];
  /** The clusters the caller may read: the others are never returned. */
  read: ClusterAccess;
  /** The clusters the caller may start a shift on. */
  shift: ClusterAccess;
}

/** The clusters of a {@link FleetShiftQuery}. */
export interface FleetShiftClusters {
  /** The clusters the caller may read, in no particular order. */
  clusters: StoredCluster[];
  /** The ARNs of those the caller may also shift. */
  shiftable: Set<string>;
  /** Clusters with the AZ the caller may not read (0 for a subset). */
  hidden: number;
}

export class ActionReads {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  async getShift(zonalShiftId: string): Promise<StoredShift | undefined> {
    const row: ShiftRow | undefined = await this.#db<ShiftRow>('shifts')
      .where('zonal_shift_id', zonalShiftId)
      .first();
    return row ? shiftFromRow(row) : undefined;
  }

  async shiftImpactInputs(
    arns: readonly string[],
  ): Promise<Map<string, ShiftImpactInputs>> {
    const snapshots = await latestSnapshots(this.#db, arns);
    const nodePools = await nodePoolsOf(this.#db, arns);
    return new Map(
      arns.map(arn => [
        arn,
        {
          capacity: snapshots.get(arn)?.capacity,
          nodePools: nodePools.get(arn) ?? [],
        },
      ]),
    );
  }

  /**
   * The clusters a fleet-wide shift concerns, filtered in SQL by the
   * caller's decisions: read (the others are only counted, in `hidden`),
   * and shift, never item by item.
   */
  async fleetShiftClusters(
    query: FleetShiftQuery,
  ): Promise<FleetShiftClusters> {
    const db = this.#db;
    const concerned = () => {
      const builder = db('clusters as c');
      return query.arns
        ? builder.whereIn('c.arn', [...query.arns])
        : builder.whereIn(
            'c.arn',
            db('cluster_zones')
              .select('cluster_arn')
              .where('zone_id', query.awayFrom),
          );
    };
    const readable = () => whereAccessible(db, concerned(), query.read);
    const clusters = await selectClusters(db, readable());
    const shiftable: Array<{ arn: string }> = await whereAccessible(
      db,
      readable(),
      query.shift,
    ).select('c.arn');
    let hidden = 0;
    const readArns = accessibleArns(db, query.read);
    if (!query.arns && readArns) {
      const [count] = await concerned()
        .whereNotIn('c.arn', readArns)
        .count({ count: '*' });
      hidden = countOf(count);
    }
    return {
      clusters,
      shiftable: new Set(shiftable.map(row => row.arn)),
      hidden,
    };
  }
}
