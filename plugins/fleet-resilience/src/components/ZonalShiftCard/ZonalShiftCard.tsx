import { useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  findZone,
  type Zone,
  type FleetClusterDetail,
  type ShiftActionResponse,
  type ShiftState,
  type ZonalShift,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { formatTime, zoneLabel } from '../../lib/format';
import { useClusterDetail } from '../../hooks/useClusterDetail';
import { useShiftPermissions } from '../../hooks/useShiftPermissions';
import { useTimeFormat } from '../../hooks/useTimeFormat';
import { ClusterLoadBody, EntityClusterCard } from '../shared/ClusterCard';
import { OutcomeNotice } from '../shared/OutcomeNotice';
import { ReasonedButton } from '../shared/ReasonedButton';
import { TimeZoneToggle } from '../shared/TimeZoneToggle';
import { StartShiftDialog } from './StartShiftDialog';
import { ExtendShiftDialog } from './ExtendShiftDialog';
import { RevertShiftDialog } from './RevertShiftDialog';

const SHIFT_STATE_TEXT: Record<ShiftState, string> = {
  none: 'No active shift',
  'zonal-shift': 'Zonal shift active',
  autoshift: 'Zonal autoshift active',
  'practice-run': 'Practice run active',
  'fis-experiment': 'FIS experiment shift active',
  unknown: 'Shift state unknown',
};

const SHIFT_TYPE_TEXT: Record<ZonalShift['shiftType'], string> = {
  ZONAL_SHIFT: 'Zonal shift',
  ZONAL_AUTOSHIFT: 'Zonal autoshift',
  PRACTICE_RUN: 'Practice run',
  FIS_EXPERIMENT: 'FIS experiment',
};

function enabledText(enabled: boolean | undefined): string {
  if (enabled === undefined) return 'unknown';
  return enabled ? 'enabled' : 'disabled';
}

export function shiftStateText(state: ShiftState): string {
  return SHIFT_STATE_TEXT[state];
}

/**
 * The card's headline. ARC knows nothing of a cluster without zonal shift
 * (its state reads `unknown`): say why rather than "unknown".
 */
export function shiftHeadline(
  summary: Pick<
    FleetClusterDetail['summary'],
    'zonalShiftEnabled' | 'shiftState' | 'shiftAwayFrom'
  >,
): string {
  if (summary.zonalShiftEnabled === false && summary.shiftState === 'unknown') {
    return 'Zonal shift not enabled';
  }
  return `${shiftStateText(summary.shiftState)}${
    summary.shiftAwayFrom
      ? ` — away from ${zoneLabel(summary.shiftAwayFrom)}`
      : ''
  }`;
}

/**
 * ARC's applied weights in words: which AZs get traffic and which none.
 * Every AZ at 100% means nothing is shifted.
 */
export function trafficText(
  weights: Record<string, number>,
  zones: readonly Zone[],
): string {
  const entries = Object.entries(weights);
  const label = (id: string) => {
    const zone = findZone(zones, id);
    return zone ? zoneLabel(zone) : id;
  };
  const full = entries.filter(([, w]) => w >= 1).map(([id]) => label(id));
  const reduced = entries.filter(([, w]) => w < 1);
  if (reduced.length === 0) {
    return `Every AZ receives traffic (${full.length} of ${entries.length} at full weight): nothing is shifted.`;
  }
  const parts = reduced.map(([id, w]) =>
    w === 0
      ? `${label(id)} receives no traffic`
      : `${label(id)} receives ${Math.round(w * 100)}% of its share`,
  );
  return `${parts.join('; ')}; ${
    full.length > 0
      ? `${full.join(', ')} at full weight`
      : 'no AZ at full weight'
  }.`;
}

function Row(props: { label: string; children: React.ReactNode }) {
  return (
    <TableRow>
      <TableCell component="th" scope="row" style={{ width: '35%' }}>
        {props.label}
      </TableCell>
      <TableCell>{props.children}</TableCell>
    </TableRow>
  );
}

function ShiftDetails(props: {
  shift: ZonalShift;
  detail: FleetClusterDetail;
}) {
  const { shift, detail } = props;
  const times = useTimeFormat();
  const zone = findZone(detail.summary.zones, shift.awayFrom);
  return (
    <Table
      size="small"
      aria-label={`Active ${SHIFT_TYPE_TEXT[shift.shiftType]}`}
    >
      <TableBody>
        <Row label="Type">{SHIFT_TYPE_TEXT[shift.shiftType]}</Row>
        <Row label="Away from">{zone ? zoneLabel(zone) : shift.awayFrom}</Row>
        <Row label="Started">
          {times.formatTime(shift.startTime)} (
          {times.formatRelative(shift.startTime)})
        </Row>
        <Row label="Expires">
          {times.formatTime(shift.expiryTime)} (
          {times.formatRelative(shift.expiryTime)})
        </Row>
        <Row label="Comment">{shift.comment || '-'}</Row>
        <Row label="Started by">{shift.actor ?? 'outside the portal'}</Row>
      </TableBody>
    </Table>
  );
}

/**
 * What a finished action did, in words: "Started a shift away from
 * us-east-1b (use1-az2) until 7 Dec 2026, 05:26 UTC." — no shift IDs.
 */
export function actionNotice(
  verb: string,
  response: ShiftActionResponse,
  zones: readonly Zone[],
  formatExpiry: (iso: string) => string = formatTime,
): string {
  const { shift } = response;
  const zone = findZone(zones, shift.awayFrom);
  const away = zone ? zoneLabel(zone) : shift.awayFrom;
  const until =
    verb === 'Reverted' ? '' : ` until ${formatExpiry(shift.expiryTime)}`;
  return `${verb} the shift away from ${away}${until}.${
    response.replayed
      ? ' (An earlier identical request had already done it.)'
      : ''
  }`;
}

/** The zonal shift state of one cluster and the actions on it. */
export function ZonalShiftContent(props: {
  detail: FleetClusterDetail;
  onChanged: () => void;
}) {
  const { detail, onChanged } = props;
  const { summary } = detail;
  const permissions = useShiftPermissions(summary.ref.arn);
  const times = useTimeFormat();
  const [dialog, setDialog] = useState<'start' | 'extend' | 'revert'>();
  const [notice, setNotice] = useState<string>();

  let shifts = detail.activeShifts;
  if (shifts.length === 0 && summary.activeShift) {
    shifts = [summary.activeShift];
  }
  const customerShift = shifts.find(s => s.shiftType === 'ZONAL_SHIFT');
  const activeAutoshifts = detail.autoshifts.filter(a => a.status === 'ACTIVE');

  let startBlocked: string | undefined;
  if (summary.zonalShiftEnabled === false) {
    startBlocked =
      'Zonal shift is not enabled on this cluster (EKS zonalShiftConfig.enabled is false)';
  } else if (customerShift) {
    startBlocked = 'A zonal shift is already active: extend or revert it';
  } else if (summary.zones.length === 0) {
    startBlocked = "The cluster's AZs are not known yet";
  }
  const noCustomerShift = customerShift
    ? undefined
    : 'Only a zonal shift started by a person can be extended or reverted';

  const done = (verb: string) => (response: ShiftActionResponse) => {
    setDialog(undefined);
    setNotice(actionNotice(verb, response, summary.zones, times.formatTime));
    onChanged();
  };

  return (
    <>
      <Typography variant="h6" component="p">
        {shiftHeadline(summary)}
      </Typography>
      <Box mt={1} display="flex" style={{ gap: 8 }} flexWrap="wrap">
        <ReasonedButton
          variant="contained"
          color="secondary"
          onClick={() => setDialog('start')}
          disabledReason={startBlocked ?? permissions.start}
        >
          Shift away from an AZ
        </ReasonedButton>
        <ReasonedButton
          variant="outlined"
          onClick={() => setDialog('extend')}
          disabledReason={noCustomerShift ?? permissions.update}
        >
          Extend
        </ReasonedButton>
        <ReasonedButton
          variant="outlined"
          onClick={() => setDialog('revert')}
          disabledReason={noCustomerShift ?? permissions.cancel}
        >
          Revert
        </ReasonedButton>
      </Box>
      {notice && (
        <Box mt={1}>
          <OutcomeNotice
            message={notice}
            onClose={() => setNotice(undefined)}
          />
        </Box>
      )}
      {shifts.map(shift => (
        <Box key={shift.zonalShiftId} mt={1}>
          <ShiftDetails shift={shift} detail={detail} />
        </Box>
      ))}
      {activeAutoshifts.map(autoshift => (
        <Alert
          key={`${autoshift.awayFrom}-${autoshift.startTime}`}
          severity="info"
          style={{ marginTop: 8 }}
        >
          ARC zonal autoshift away from {autoshift.awayFrom} since{' '}
          {times.formatTime(autoshift.startTime)}.
        </Alert>
      ))}
      <Box mt={2}>
        <Typography variant="subtitle2" component="h3">
          Settings
        </Typography>
        <Table size="small" aria-label="Zonal shift settings">
          <TableBody>
            <Row label="Zonal shift (EKS)">
              {enabledText(summary.zonalShiftEnabled)}
            </Row>
            <Row label="Zonal autoshift">
              {summary.autoshiftStatus?.toLocaleLowerCase('en-US') ??
                'unknown to ARC'}
            </Row>
            <Row label="Practice runs">
              {detail.practiceRunStatus?.toLocaleLowerCase('en-US') ??
                'not configured'}
            </Row>
            {Object.keys(detail.appliedWeights).length > 0 && (
              <Row label="Traffic (ARC weights)">
                {trafficText(detail.appliedWeights, summary.zones)}
              </Row>
            )}
          </TableBody>
        </Table>
      </Box>
      <StartShiftDialog
        open={dialog === 'start'}
        detail={detail}
        onClose={() => setDialog(undefined)}
        onStarted={done('Started')}
      />
      {customerShift && (
        <>
          <ExtendShiftDialog
            open={dialog === 'extend'}
            clusterArn={summary.ref.arn}
            shift={customerShift}
            onClose={() => setDialog(undefined)}
            onUpdated={done('Extended')}
          />
          <RevertShiftDialog
            open={dialog === 'revert'}
            clusterArn={summary.ref.arn}
            clusterName={summary.ref.name}
            shift={customerShift}
            onClose={() => setDialog(undefined)}
            onReverted={done('Reverted')}
          />
        </>
      )}
    </>
  );
}

/** The zonal shift card for a cluster given by ARN. */
export function ZonalShiftCardView(props: { clusterArn: string }) {
  const { value, loading, error, retry } = useClusterDetail(props.clusterArn);
  return (
    <InfoCard
      title="Zonal shift"
      subheader="ARC zonal shift state, autoshift and practice runs"
      action={<TimeZoneToggle />}
    >
      <ClusterLoadBody value={value} loading={loading} error={error}>
        {detail => <ZonalShiftContent detail={detail} onChanged={retry} />}
      </ClusterLoadBody>
    </InfoCard>
  );
}

/**
 * The zonal shift card on a cluster's entity page.
 *
 * @public
 */
export function EntityFleetZonalShiftCard() {
  return <EntityClusterCard title="Zonal shift" View={ZonalShiftCardView} />;
}
