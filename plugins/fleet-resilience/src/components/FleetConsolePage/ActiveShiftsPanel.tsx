import { memo, useState } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { FleetShiftRecord } from '@fleet-resilience/plugin-fleet-resilience-common';
import { fleetResilienceApiRef } from '../../api';
import { formatRelative, formatTime } from '../../lib/format';
import { useShiftPermissions } from '../../hooks/useShiftPermissions';
import { ReasonedButton } from '../shared/ReasonedButton';
import { RevertShiftDialog } from '../ZonalShiftCard/RevertShiftDialog';

const ACTIVE_LIMIT = 100;

const TYPE_TEXT: Record<FleetShiftRecord['shiftType'], string> = {
  ZONAL_SHIFT: 'Zonal shift',
  ZONAL_AUTOSHIFT: 'Autoshift',
  PRACTICE_RUN: 'Practice run',
  FIS_EXPERIMENT: 'FIS experiment',
};

function ActiveShiftRow(props: {
  shift: FleetShiftRecord;
  onReverted: (message: string) => void;
}) {
  const { shift } = props;
  const permissions = useShiftPermissions(shift.entityRef);
  const [open, setOpen] = useState(false);
  const notRevertable =
    shift.shiftType === 'ZONAL_SHIFT'
      ? undefined
      : 'Only a zonal shift started by a person can be reverted here';
  return (
    <TableRow>
      <TableCell>{shift.cluster.name}</TableCell>
      <TableCell>{shift.cluster.region}</TableCell>
      <TableCell>{TYPE_TEXT[shift.shiftType] ?? shift.shiftType}</TableCell>
      <TableCell>{shift.awayFrom}</TableCell>
      <TableCell title={formatTime(shift.expiryTime)}>
        {formatRelative(shift.expiryTime)}
      </TableCell>
      <TableCell>{shift.comment}</TableCell>
      <TableCell>{shift.actor ?? '-'}</TableCell>
      <TableCell>
        <ReasonedButton
          size="small"
          variant="outlined"
          onClick={() => setOpen(true)}
          disabledReason={notRevertable ?? permissions.cancel}
          aria-label={`Revert the shift of ${shift.cluster.name}`}
        >
          Revert
        </ReasonedButton>
        <RevertShiftDialog
          open={open}
          clusterArn={shift.cluster.arn}
          clusterName={shift.cluster.name}
          shift={shift}
          onClose={() => setOpen(false)}
          onReverted={() => {
            setOpen(false);
            props.onReverted(`Reverted the shift of ${shift.cluster.name}.`);
          }}
        />
      </TableCell>
    </TableRow>
  );
}

/** Every shift active in the fleet now, with revert. */
export const ActiveShiftsPanel = memo(
  function ActiveShiftsPanelUnmemoised(props: { refreshKey: number }) {
    const api = useApi(fleetResilienceApiRef);
    const [notice, setNotice] = useState<string>();
    const { value, loading, error, retry } = useAsyncRetry(
      () => api.listShifts({ status: 'ACTIVE', limit: ACTIVE_LIMIT }),
      [api, props.refreshKey],
    );
    let body;
    if (error) {
      body = <ResponseErrorPanel error={error} />;
    } else if (!value) {
      body = loading ? <Progress /> : null;
    } else if (value.items.length === 0) {
      body = (
        <Typography variant="body2">
          No shift is active anywhere in the fleet.
        </Typography>
      );
    } else {
      body = (
        <>
          <Table size="small" aria-label="Active shifts">
            <TableHead>
              <TableRow>
                <TableCell>Cluster</TableCell>
                <TableCell>Region</TableCell>
                <TableCell>Type</TableCell>
                <TableCell>Away from</TableCell>
                <TableCell>Expires</TableCell>
                <TableCell>Comment</TableCell>
                <TableCell>Started by</TableCell>
                <TableCell>Action</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {value.items.map(shift => (
                <ActiveShiftRow
                  key={shift.zonalShiftId}
                  shift={shift}
                  onReverted={message => {
                    setNotice(message);
                    retry();
                  }}
                />
              ))}
            </TableBody>
          </Table>
          {value.totalCount > value.items.length && (
            <Typography variant="caption">
              Showing {value.items.length} of {value.totalCount} active shifts.
            </Typography>
          )}
        </>
      );
    }
    return (
      <InfoCard title="Active shifts">
        {notice && (
          <Alert severity="success" onClose={() => setNotice(undefined)}>
            {notice}
          </Alert>
        )}
        {body}
      </InfoCard>
    );
  },
);
