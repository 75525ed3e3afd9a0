import { Fragment, memo } from 'react';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { FleetClusterSummary } from '@fleet-resilience/plugin-fleet-resilience-common';
import { formatCpu, formatShortDuration } from '../../lib/format';
import type { FleetSort } from '../../lib/fleetFilters';
import { CHECK_TEXT } from '../../lib/readiness';
import { shiftHeadline } from '../ZonalShiftCard';
import { ReadinessChip } from '../shared/ReadinessChip';
import { VerdictChip } from '../shared/VerdictChip';

export const PAGE_SIZES = [25, 50, 100];

const useStyles = makeStyles({
  nowrap: { whiteSpace: 'nowrap' },
  // The theme's `word-break: break-word` lets a squeezed column break inside
  // words ("activ-e"); break only where text allows (spaces, hyphens).
  table: { '& th, & td': { wordBreak: 'normal' } },
});

function freshnessText(cluster: FleetClusterSummary): string {
  const { health } = cluster;
  if (health.freshness === 'never') return 'never read';
  const age =
    health.ageSeconds !== undefined
      ? formatShortDuration(health.ageSeconds)
      : '?';
  return health.freshness === 'stale' ? `stale (${age})` : age;
}

/** What fails and warns on a cluster, for the readiness chip's title. */
export function readinessTitle(
  readiness: NonNullable<FleetClusterSummary['readiness']>,
): string {
  const parts: string[] = [];
  if (readiness.failing.length > 0) {
    parts.push(
      `Fails: ${readiness.failing.map(c => CHECK_TEXT[c]).join(', ')}`,
    );
  }
  if (readiness.warning.length > 0) {
    parts.push(
      `Warns: ${readiness.warning.map(c => CHECK_TEXT[c]).join(', ')}`,
    );
  }
  if (readiness.workloadsAtRisk > 0) {
    parts.push(`${readiness.workloadsAtRisk} workloads at risk`);
  }
  return parts.join('. ') || 'Every check passes';
}

/** A column header that sorts the server's list by its field. */
function SortHeader(props: {
  field: FleetSort['field'];
  label: string;
  /** Words before the sort label, in the same header. */
  prefix?: string;
  sort: FleetSort;
  onSortChange: (sort: FleetSort) => void;
}) {
  const { field, label, prefix, sort, onSortChange } = props;
  const active = sort.field === field;
  return (
    <TableCell sortDirection={active ? sort.order : false}>
      {prefix}
      <TableSortLabel
        active={active}
        direction={active ? sort.order : 'asc'}
        onClick={() =>
          onSortChange({
            field,
            order: active && sort.order === 'asc' ? 'desc' : 'asc',
          })
        }
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );
}

/** One page of the fleet, paged by the server; re-renders only for new props. */
export const FleetTable = memo(function FleetTableUnmemoised(props: {
  items: FleetClusterSummary[];
  totalCount: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPageChange: (page: number) => void;
  onPageSizeChange: (size: number) => void;
  sort: FleetSort;
  onSortChange: (sort: FleetSort) => void;
}) {
  const { items, totalCount, page, pageSize, loading, sort, onSortChange } =
    props;
  const classes = useStyles();
  return (
    <Paper>
      {loading && <LinearProgress aria-label="Loading clusters" />}
      <TableContainer>
        <Table size="small" aria-label="Clusters" className={classes.table}>
          <TableHead>
            <TableRow>
              <SortHeader
                field="name"
                label="Cluster"
                sort={sort}
                onSortChange={onSortChange}
              />
              <TableCell>AZs</TableCell>
              <TableCell>Shift</TableCell>
              {/* One column for both verdicts: a column more would push the
                  table past the card at 1024 px. */}
              <SortHeader
                field="readiness"
                label="Readiness"
                prefix="N-1 · "
                sort={sort}
                onSortChange={onSortChange}
              />
              <TableCell className={classes.nowrap}>CPU requested</TableCell>
              <TableCell className={classes.nowrap}>Data age</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {items.length === 0 && !loading && (
              <TableRow>
                <TableCell colSpan={6}>
                  No clusters match the filters.
                </TableCell>
              </TableRow>
            )}
            {items.map(cluster => (
              <TableRow key={cluster.ref.arn}>
                <TableCell>
                  {cluster.entityRef ? (
                    <EntityRefLink
                      entityRef={cluster.entityRef}
                      title={cluster.ref.name}
                    />
                  ) : (
                    cluster.ref.name
                  )}
                  {/* Account and region under the name: two columns fewer,
                      so the verdict stays on the card at 1024 px. */}
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    component="div"
                  >
                    <span className={classes.nowrap}>
                      {cluster.ref.accountId}
                    </span>{' '}
                    ·{' '}
                    <span className={classes.nowrap}>{cluster.ref.region}</span>
                    {cluster.version && (
                      <>
                        {' '}
                        ·{' '}
                        <span className={classes.nowrap}>
                          Kubernetes {cluster.version}
                        </span>
                      </>
                    )}
                  </Typography>
                </TableCell>
                <TableCell>
                  {/* Breaks between AZ IDs, never inside one ("use1-az2"). */}
                  {cluster.zones.map((z, i) => (
                    <Fragment key={z.id}>
                      {i > 0 && ' '}
                      <span className={classes.nowrap}>
                        {z.id}
                        {i < cluster.zones.length - 1 ? ',' : ''}
                      </span>
                    </Fragment>
                  ))}
                </TableCell>
                <TableCell>{shiftHeadline(cluster)}</TableCell>
                <TableCell>
                  <VerdictChip
                    verdict={cluster.survivability.verdict}
                    title={cluster.survivability.reason}
                    stale={cluster.health.freshness !== 'fresh'}
                  />
                  <div style={{ marginTop: 4 }}>
                    {cluster.readiness ? (
                      <ReadinessChip
                        verdict={cluster.readiness.verdict}
                        score={cluster.readiness.score}
                        title={readinessTitle(cluster.readiness)}
                      />
                    ) : (
                      <Typography variant="caption">
                        Readiness not known yet
                      </Typography>
                    )}
                  </div>
                </TableCell>
                <TableCell>
                  {cluster.capacity
                    ? `${formatCpu(
                        cluster.capacity.requested.cpuMillicores,
                      )} of ${formatCpu(
                        cluster.capacity.allocatable.cpuMillicores,
                      )}`
                    : '-'}
                </TableCell>
                <TableCell className={classes.nowrap}>
                  {freshnessText(cluster)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={totalCount}
        page={page}
        rowsPerPage={pageSize}
        rowsPerPageOptions={PAGE_SIZES}
        onPageChange={(_event, next) => props.onPageChange(next)}
        onRowsPerPageChange={event =>
          props.onPageSizeChange(Number(event.target.value))
        }
      />
    </Paper>
  );
});
