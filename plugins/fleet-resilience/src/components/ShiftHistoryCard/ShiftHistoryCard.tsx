import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { fleetResilienceApiRef } from '../../api';
import { clusterArnOf } from '../../lib/clusterEntity';
import { formatTime } from '../../lib/format';
import { buildTimeline, TimelineEntry } from '../../lib/historyTimeline';
import { concernsCluster, useFleetSignal } from '../../hooks/useFleetSignal';
import { MissingArn } from '../shared/ClusterLoadError';

const HISTORY_LIMIT = 50;

const columns: TableColumn<TimelineEntry>[] = [
  {
    title: 'When',
    field: 'time',
    render: row => formatTime(row.time),
    width: '18%',
  },
  { title: 'Source', field: 'source' },
  {
    title: 'What',
    field: 'what',
    render: row =>
      row.until ? `${row.what}, until ${formatTime(row.until)}` : row.what,
  },
  { title: 'Who', field: 'who' },
  { title: 'Why', field: 'why' },
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
