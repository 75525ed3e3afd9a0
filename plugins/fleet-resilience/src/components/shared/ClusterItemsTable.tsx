import type { ReactNode } from 'react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';

/**
 * The table of a fleet action's clusters (a fleet shift, a fleet readiness
 * fix): an optional caption above, the given headings, then one row a
 * cluster as `children`.
 */
export function ClusterItemsTable(props: {
  label: string;
  caption?: string;
  headings: string[];
  children: ReactNode;
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
          {props.headings.map(heading => (
            <TableCell key={heading}>{heading}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>{props.children}</TableBody>
    </Table>
  );
}

/** A cluster's name, with its account and region (and `more`) below. */
export function ClusterNameCell(props: {
  cluster: { name: string; accountId: string; region: string };
  more?: ReactNode;
}) {
  return (
    <TableCell>
      {props.cluster.name}
      <Typography variant="caption" color="textSecondary" component="div">
        {props.cluster.accountId} · {props.cluster.region}
        {props.more}
      </Typography>
    </TableCell>
  );
}
