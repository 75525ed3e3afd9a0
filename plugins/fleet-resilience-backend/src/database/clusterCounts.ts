/**
 * Clusters counted by shift state and N-1 verdict, for the metrics gauge
 * read at each collection: one grouped query over `clusters`. Writes nothing.
 */
import type { Knex } from 'knex';

export async function countClustersByState(
  db: Knex,
): Promise<Array<{ shiftState: string; verdict: string; count: number }>> {
  const rows: Array<{
    shift_state: string;
    verdict: string;
    count: number | string;
  }> = await db('clusters')
    .select('shift_state', 'verdict')
    .count({ count: '*' })
    .groupBy('shift_state', 'verdict');
  return rows.map(row => ({
    shiftState: row.shift_state,
    verdict: row.verdict,
    // PostgreSQL answers a count as a string.
    count: Number(row.count),
  }));
}
