/**
 * What the shift actions read besides clusters: one stored shift by ID (to
 * check it is the cluster's) and, for a fleet-wide shift, each cluster's
 * latest capacity and NodePools in two batched reads. Reads only: the shifts
 * are written by arcState.ts, snapshots and NodePools by the Kubernetes
 * ingestion.
 */
import type { ClusterCapacity } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { Knex } from 'knex';
import type { NodePoolRecord, StoredShift } from '../domain/records';
import { latestSnapshots, nodePoolsOf } from './clusterReads';
import { shiftFromRow, type ShiftRow } from './rows';

/** What the impact of a shift needs of one cluster. */
export interface ShiftImpactInputs {
  /** The latest capacity; absent until the cluster's Kubernetes API was read. */
  capacity?: ClusterCapacity;
  nodePools: NodePoolRecord[];
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
}
