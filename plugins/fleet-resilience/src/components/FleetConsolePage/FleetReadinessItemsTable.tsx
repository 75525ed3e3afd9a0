import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { FleetReadinessFixItem } from '@fleet-resilience/plugin-fleet-resilience-common';

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
    <Table size="small" aria-label={props.label} style={{ marginTop: 8 }}>
      {props.caption && (
        <caption style={{ captionSide: 'top', padding: '4px 0' }}>
          {props.caption}
        </caption>
      )}
      <TableHead>
        <TableRow>
          <TableCell>Cluster</TableCell>
          <TableCell>Outcome</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.items.map(item => (
          <TableRow key={item.cluster.arn}>
            <TableCell>
              {item.cluster.name}
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
              >
                {item.cluster.accountId} · {item.cluster.region}
              </Typography>
            </TableCell>
            <TableCell>
              {FLEET_FIX_OUTCOME_TEXT[item.outcome] ?? item.outcome}
              {item.reason ? `: ${item.reason}` : ''}
              {item.update && item.outcome !== 'in-progress'
                ? ` (EKS update ${item.update.status})`
                : ''}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
