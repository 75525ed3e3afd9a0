import { memo, useState } from 'react';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type {
  ActiveShiftEntry,
  ZonalShiftType,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { fleetResilienceApiRef } from '../../api';
import { arcConsoleUrl } from '../../lib/arcConsole';
import { zoneLabel } from '../../lib/format';
import { useShiftPermissions } from '../../hooks/useShiftPermissions';
import { useTimeFormat } from '../../hooks/useTimeFormat';
import { OutcomeNotice } from '../shared/OutcomeNotice';
import { ReasonedButton } from '../shared/ReasonedButton';
import { RevertShiftDialog } from '../ZonalShiftCard/RevertShiftDialog';

const ACTIVE_LIMIT = 100;

/** Who starts each type of shift, in words. */
export const SHIFT_SOURCE_TEXT: Record<ZonalShiftType, string> = {
  ZONAL_SHIFT: 'Zonal shift',
  ZONAL_AUTOSHIFT: 'Zonal autoshift (AWS)',
  PRACTICE_RUN: 'Practice run (ARC)',
  FIS_EXPERIMENT: 'FIS experiment',
};

const useStyles = makeStyles({
  // Break between words only: "payments-prod-use1" never becomes
  // "payment s-prod-use1" in a squeezed column.
  table: { '& th, & td': { wordBreak: 'normal', overflowWrap: 'normal' } },
  nowrap: { whiteSpace: 'nowrap' },
});

function startedBy(shift: ActiveShiftEntry): string {
  if (shift.actor) return shift.actor;
  return shift.shiftType === 'ZONAL_SHIFT' ? 'outside the portal' : 'AWS';
}

function ActiveShiftRow(props: {
  shift: ActiveShiftEntry;
  onReverted: (message: string) => void;
}) {
  const { shift } = props;
  const classes = useStyles();
  const time = useTimeFormat();
  const permissions = useShiftPermissions(shift.cluster.arn);
  const [open, setOpen] = useState(false);
  const name = shift.cluster.name;
  const away = zoneLabel(shift.awayFrom);
  // Only a customer's shift can be cancelled through the portal (and ARC);
  // the others are ARC's or FIS's to end: link to where they are managed.
  const revertable = shift.shiftType === 'ZONAL_SHIFT' && shift.zonalShiftId;
  return (
    <TableRow>
      <TableCell>
        <EntityRefLink entityRef={shift.entityRef} title={name} />
        <Typography variant="caption" color="textSecondary" component="div">
          <span className={classes.nowrap}>{shift.cluster.accountId}</span> ·{' '}
          <span className={classes.nowrap}>{shift.cluster.region}</span>
        </Typography>
      </TableCell>
      <TableCell>
        {SHIFT_SOURCE_TEXT[shift.shiftType] ?? shift.shiftType}
        <Typography variant="caption" color="textSecondary" component="div">
          {shift.applied
            ? 'applied now'
            : 'pending: a shift of higher precedence applies'}
        </Typography>
      </TableCell>
      <TableCell>{away}</TableCell>
      <TableCell>
        {shift.expiryTime ? (
          <>
            <span className={classes.nowrap}>
              {time.formatRelative(shift.expiryTime)}
            </span>
            <Typography variant="caption" color="textSecondary" component="div">
              {time.formatTime(shift.expiryTime)}
            </Typography>
          </>
        ) : (
          'when AWS ends it'
        )}
      </TableCell>
      <TableCell>
        {shift.comment || '-'}
        <Typography variant="caption" color="textSecondary" component="div">
          by {startedBy(shift)}
        </Typography>
      </TableCell>
      <TableCell>
        {revertable ? (
          <>
            <ReasonedButton
              size="small"
              variant="outlined"
              className={classes.nowrap}
              onClick={() => setOpen(true)}
              disabledReason={permissions.cancel}
              aria-label={`Revert the shift of ${name}`}
            >
              Revert
            </ReasonedButton>
            <RevertShiftDialog
              open={open}
              clusterArn={shift.cluster.arn}
              clusterName={name}
              shift={{ zonalShiftId: shift.zonalShiftId!, awayFrom: away }}
              onClose={() => setOpen(false)}
              onReverted={() => {
                setOpen(false);
                props.onReverted(
                  `Reverted the shift of ${name}: traffic returns to ${away}.`,
                );
              }}
            />
          </>
        ) : (
          <Link
            to={arcConsoleUrl(shift.cluster.region)}
            aria-label={`Open ${
              SHIFT_SOURCE_TEXT[shift.shiftType]
            } of ${name} in the ARC console`}
          >
            In ARC console
          </Link>
        )}
      </TableCell>
    </TableRow>
  );
}

/**
 * Every shift active in the fleet now, of every type: customer shifts with
 * revert, autoshifts, practice runs and FIS experiments with a link to ARC.
 */
export const ActiveShiftsPanel = memo(
  function ActiveShiftsPanelUnmemoised(props: { refreshKey: number }) {
    const api = useApi(fleetResilienceApiRef);
    const classes = useStyles();
    const [notice, setNotice] = useState<string>();
    const { value, loading, error, retry } = useAsyncRetry(
      () => api.listActiveShifts({ limit: ACTIVE_LIMIT }),
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
          <TableContainer>
            <Table
              size="small"
              aria-label="Active shifts"
              className={classes.table}
            >
              <TableHead>
                <TableRow>
                  <TableCell>Cluster</TableCell>
                  <TableCell>Shift</TableCell>
                  <TableCell className={classes.nowrap}>Away from</TableCell>
                  <TableCell>Expires</TableCell>
                  <TableCell>Why, by whom</TableCell>
                  <TableCell>Action</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {value.items.map(shift => (
                  <ActiveShiftRow
                    key={`${shift.cluster.arn}/${
                      shift.zonalShiftId ??
                      `${shift.shiftType}/${shift.awayFrom.id}`
                    }`}
                    shift={shift}
                    onReverted={message => {
                      setNotice(message);
                      retry();
                    }}
                  />
                ))}
              </TableBody>
            </Table>
          </TableContainer>
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
          <OutcomeNotice
            message={notice}
            onClose={() => setNotice(undefined)}
          />
        )}
        {body}
      </InfoCard>
    );
  },
);
