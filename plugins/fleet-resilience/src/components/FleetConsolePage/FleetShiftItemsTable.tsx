import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  FleetShiftItem,
  FleetShiftResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { zoneLabel } from '../../lib/format';
import { VerdictChip } from '../shared/VerdictChip';
import {
  ClusterItemsTable,
  ClusterNameCell,
} from '../shared/ClusterItemsTable';

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
    <ClusterItemsTable
      label={props.label}
      caption={props.caption}
      headings={['Cluster', 'N-1 without this AZ', 'Outcome']}
    >
      {props.items.map(item => (
        <TableRow key={item.cluster.arn}>
          <ClusterNameCell
            cluster={item.cluster}
            more={<> · {zoneLabel(item.zone)}</>}
          />
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
    </ClusterItemsTable>
  );
}

/** The outcome counts of a fleet shift, e.g. `3 started, 1 skipped`. */
export function countsText(response: FleetShiftResponse): string {
  return Object.entries(response.counts)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${count} ${outcome}`)
    .join(', ');
}
