import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { fleetResilienceApiRef } from '../../api';
import { clusterArnOf } from '../../lib/clusterEntity';
import { useTimeFormat } from '../../hooks/useTimeFormat';
import { buildTimeline, TimelineEntry } from '../../lib/historyTimeline';
import { concernsCluster, useFleetSignal } from '../../hooks/useFleetSignal';
import { MissingArn } from '../shared/ClusterLoadError';

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

function Caption(props: { children: React.ReactNode }) {
  return (
    <Typography variant="caption" color="textSecondary" component="div">
      {props.children}
    </Typography>
  );
}

// Four columns, so that "why" and the outcome stay on a half-width card at
// 1024 px: the source goes under what happened, the reason under who.
const columns: TableColumn<TimelineEntry>[] = [
  {
    title: 'When',
    field: 'time',
    render: row => <DateTime iso={row.time} />,
    width: '22%',
  },
  {
    title: 'What',
    field: 'what',
    render: row => (
      <>
        {row.what}
        {row.until && (
          <>
            , until <DateTime iso={row.until} />
          </>
        )}
        <Caption>{row.source}</Caption>
      </>
    ),
  },
  {
    title: 'Who and why',
    field: 'who',
    render: row => (
      <>
        <Actor who={row.who} />
        {row.why && <Caption>{row.why}</Caption>}
      </>
    ),
  },
  { title: 'Outcome', field: 'outcome' },
];

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

  if (error) {
    return (
      <InfoCard title="Shift history">
        <ResponseErrorPanel error={error} />
      </InfoCard>
    );
  }
  if (!value) {
    return (
      <InfoCard title="Shift history">{loading ? <Progress /> : null}</InfoCard>
    );
  }
  return (
    <Table<TimelineEntry>
      title="Shift history"
      subtitle="ARC's shifts and the portal's actions, newest first"
      columns={columns}
      data={value}
      isLoading={loading}
      options={{
        paging: value.length > 10,
        pageSize: 10,
        search: false,
        // Sortable, draggable headers nest a focusable handle in a button
        // (axe's nested-interactive); the timeline is newest first already.
        sorting: false,
        draggable: false,
        padding: 'dense',
      }}
      emptyContent={
        <div style={{ padding: 16 }}>
          No zonal shift and no portal action recorded for this cluster.
        </div>
      }
    />
  );
}

/**
 * The shift history card on a cluster's entity page.
 *
 * @public
 */
export function EntityFleetShiftHistoryCard() {
  const { entity } = useEntity();
  const arn = clusterArnOf(entity);
  if (!arn) {
    return <MissingArn title="Shift history" />;
  }
  return <ShiftHistoryCardView clusterArn={arn} />;
}
