import { ReactNode, useState } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { fleetResilienceApiRef } from '../../api';
import { useTimeFormat } from '../../hooks/useTimeFormat';
import { buildTimeline, TimelineEntry } from '../../lib/historyTimeline';
import { concernsCluster, useFleetSignal } from '../../hooks/useFleetSignal';
import { EntityClusterCard } from '../shared/ClusterCard';

const HISTORY_LIMIT = 50;

/**
 * An actor as people read it: an entity ref (`user:development/guest`) by its
 * name, with the full ref as a tooltip; anything else (`AWS`, `outside the
 * portal`) as it is.
 */
export function actorText(who: string): { text: string; title?: string } {
  if (!/^[\w-]+:([\w.-]+\/)?[\w.@-]+$/.test(who)) return { text: who };
  try {
    return { text: parseEntityRef(who).name, title: who };
  } catch {
    return { text: who };
  }
}

/**
 * A time that may break between its date and its clock time, never inside
 * either ("1 Dec 2026," / "21:52 UTC"), so the narrow card keeps its columns.
 */
function DateTime(props: { iso: string }) {
  const parts = useTimeFormat().formatTimeParts(props.iso);
  if (!parts) return <>{props.iso}</>;
  const { date, clock } = parts;
  return (
    <>
      <span style={{ whiteSpace: 'nowrap' }}>{date},</span>{' '}
      <span style={{ whiteSpace: 'nowrap' }}>{clock}</span>
    </>
  );
}

function Actor(props: { who: string }) {
  const { text, title } = actorText(props.who);
  return (
    <span title={title} style={{ whiteSpace: 'nowrap' }}>
      {text}
    </span>
  );
}

function Caption(props: { children: ReactNode }) {
  return (
    <Typography variant="caption" color="textSecondary" component="div">
      {props.children}
    </Typography>
  );
}

const PAGE_SIZE = 10;

// Four columns, so that "why" and the outcome stay on a half-width card at
// 1024 px: the source goes under what happened, the reason under who. A
// plain table with no sortable headers: the timeline is newest first already.
// The outcome (and its header) is one short word: it never breaks inside.
function TimelineTable(props: { entries: TimelineEntry[] }) {
  const [page, setPage] = useState(0);
  const { entries } = props;
  // A refetch may leave fewer pages than the one shown.
  const lastPage = Math.max(0, Math.ceil(entries.length / PAGE_SIZE) - 1);
  const shown = Math.min(page, lastPage);
  return (
    <>
      <Table size="small" aria-label="Shift history">
        <TableHead>
          <TableRow>
            <TableCell style={{ width: '22%' }}>When</TableCell>
            <TableCell>What</TableCell>
            <TableCell>Who and why</TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>Outcome</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {entries
            .slice(shown * PAGE_SIZE, (shown + 1) * PAGE_SIZE)
            .map(row => (
              <TableRow key={row.id}>
                <TableCell>
                  <DateTime iso={row.time} />
                </TableCell>
                <TableCell>
                  {row.what}
                  {row.until && (
                    <>
                      , until <DateTime iso={row.until} />
                    </>
                  )}
                  <Caption>
                    {row.source}
                    {row.via && (
                      <span title="What the client declared: the portal's pages, another API client, or an MCP tool">
                        {' · '}
                        {row.via}
                      </span>
                    )}
                  </Caption>
                </TableCell>
                <TableCell>
                  <Actor who={row.who} />
                  {row.why && <Caption>{row.why}</Caption>}
                </TableCell>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  {row.outcome}
                </TableCell>
              </TableRow>
            ))}
        </TableBody>
      </Table>
      {entries.length > PAGE_SIZE && (
        <TablePagination
          component="div"
          count={entries.length}
          page={shown}
          rowsPerPage={PAGE_SIZE}
          rowsPerPageOptions={[]}
          onPageChange={(_event, next) => setPage(next)}
        />
      )}
    </>
  );
}

/** ARC's shift history and the portal's audit trail of one cluster. */
export function ShiftHistoryCardView(props: { clusterArn: string }) {
  const api = useApi(fleetResilienceApiRef);
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const [shifts, audit] = await Promise.all([
      api.listShifts({ cluster: props.clusterArn, limit: HISTORY_LIMIT }),
      api.listAuditEvents({ cluster: props.clusterArn, limit: HISTORY_LIMIT }),
    ]);
    return buildTimeline(shifts.items, audit.items);
  }, [api, props.clusterArn]);
  useFleetSignal(retry, concernsCluster(props.clusterArn));

  let content: ReactNode;
  if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    content = loading ? <Progress /> : null;
  } else if (value.length === 0) {
    content = (
      <Typography variant="body2">
        No zonal shift and no portal action recorded for this cluster.
      </Typography>
    );
  } else {
    content = <TimelineTable entries={value} />;
  }
  return (
    <InfoCard
      title="Shift history"
      subheader="ARC's shifts and the portal's actions, newest first"
    >
      {content}
    </InfoCard>
  );
}

/**
 * The shift history card on a cluster's entity page.
 *
 * @public
 */
export function EntityFleetShiftHistoryCard() {
  return (
    <EntityClusterCard title="Shift history" View={ShiftHistoryCardView} />
  );
}
