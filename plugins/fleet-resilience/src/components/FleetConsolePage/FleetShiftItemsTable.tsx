import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  FleetShiftItem,
  FleetShiftResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { zoneLabel } from '../../lib/format';
import { VerdictChip } from '../shared/VerdictChip';

const OUTCOME_TEXT: Record<FleetShiftItem['outcome'], string> = {
  eligible: 'will be shifted',
  started: 'shifted',
  skipped: 'not shifted',
  denied: 'not allowed',
  failed: 'failed',
};

/** Clusters of a fleet shift: N-1 without the AZ, and what happens to each. */
export function FleetShiftItemsTable(props: {
  items: FleetShiftItem[];
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
          <TableCell>N-1 without this AZ</TableCell>
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
                {item.cluster.accountId} · {item.cluster.region} ·{' '}
                {zoneLabel(item.zone)}
              </Typography>
            </TableCell>
            <TableCell>
              <VerdictChip
                verdict={item.verdict}
                title={item.verdictReason}
                zone={item.zone}
              />
              <Typography variant="caption" component="div">
                {item.verdictReason}
              </Typography>
            </TableCell>
            <TableCell>
              {OUTCOME_TEXT[item.outcome] ?? item.outcome}
              {item.reason ? `: ${item.reason}` : ''}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The outcome counts of a fleet shift, e.g. `3 started, 1 skipped`. */
export function countsText(response: FleetShiftResponse): string {
  return Object.entries(response.counts)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${count} ${outcome}`)
    .join(', ');
}
