import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import type { FleetReadinessFixItem } from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  ClusterItemsTable,
  ClusterNameCell,
} from '../shared/ClusterItemsTable';

export const FLEET_FIX_OUTCOME_TEXT: Record<
  FleetReadinessFixItem['outcome'],
  string
> = {
  eligible: 'will be changed',
  applied: 'changed',
  'in-progress': 'EKS update in progress',
  'no-change': 'already so',
  skipped: 'not changed',
  denied: 'not allowed',
  failed: 'failed',
};

/** Counts of outcomes, e.g. `3 changed, 1 not allowed`. */
export function fleetFixCountsText(items: FleetReadinessFixItem[]): string {
  const counts = new Map<string, number>();
  for (const item of items) {
    const text = FLEET_FIX_OUTCOME_TEXT[item.outcome] ?? item.outcome;
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts].map(([text, n]) => `${n} ${text}`).join(', ');
}

/** The clusters of a fleet readiness fix, each with its outcome and reason. */
export function FleetReadinessItemsTable(props: {
  items: FleetReadinessFixItem[];
  label: string;
  caption?: string;
}) {
  return (
    <ClusterItemsTable
      label={props.label}
      caption={props.caption}
      headings={['Cluster', 'Outcome']}
    >
      {props.items.map(item => (
        <TableRow key={item.cluster.arn}>
          <ClusterNameCell cluster={item.cluster} />
          <TableCell>
            {FLEET_FIX_OUTCOME_TEXT[item.outcome] ?? item.outcome}
            {item.reason ? `: ${item.reason}` : ''}
            {item.update && item.outcome !== 'in-progress'
              ? ` (EKS update ${item.update.status})`
              : ''}
          </TableCell>
        </TableRow>
      ))}
    </ClusterItemsTable>
  );
}
