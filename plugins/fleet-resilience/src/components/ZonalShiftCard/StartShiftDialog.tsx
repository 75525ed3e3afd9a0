import { useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import LinearProgress from '@material-ui/core/LinearProgress';
import useAsync from 'react-use/esm/useAsync';
import {
  MAX_SHIFT_COMMENT_LENGTH,
  validateStartShift,
  type FleetClusterDetail,
  type ShiftActionResponse,
  type ShiftImpact,
  type StartShiftRequest,
  type ValidationProblem,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { fleetResilienceApiRef } from '../../api';
import { useSubmission } from '../../hooks/useSubmission';
import { zoneLabel } from '../../lib/format';
import { precedenceNote } from '../../lib/shiftPrecedence';
import { describeShiftError } from '../../lib/shiftErrors';
import { ShiftErrorAlert } from '../shared/ShiftErrorAlert';
import { VerdictChip } from '../shared/VerdictChip';

/**
 * The confirm step's impact, as the backend computes it (the same function
 * as the card after the shift and the fleet dry run): can the other AZs
 * hold the pods, what N-1 is while the shift lasts, which NodePools it blocks.
 */
function ImpactView(props: { impact: ShiftImpact }) {
  const { impact } = props;
  return (
    <>
      <Alert
        severity={impact.verdict === 'survives' ? 'info' : 'warning'}
        icon={false}
      >
        <VerdictChip verdict={impact.verdict} zone={impact.awayFrom} />
        <div style={{ marginTop: 4 }}>{impact.reason}</div>
      </Alert>
      {impact.afterShift && (
        <div style={{ marginTop: 8 }}>
          <Typography variant="subtitle2" component="p">
            If one more AZ is lost while the shift lasts
          </Typography>
          <VerdictChip verdict={impact.afterShift.verdict} />
          <Typography variant="body2" style={{ marginTop: 4 }}>
            {impact.afterShift.reason}
          </Typography>
        </div>
      )}
      {impact.blockedNodePools.length > 0 ? (
        <Alert severity="warning" style={{ marginTop: 8 }}>
          These NodePools can launch nodes only in this AZ and will be blocked
          during the shift: {impact.blockedNodePools.join(', ')}.
        </Alert>
      ) : (
        <Typography variant="body2" style={{ marginTop: 8 }}>
          No NodePool is limited to this AZ alone.
        </Typography>
      )}
    </>
  );
}

function problemFor(problems: ValidationProblem[], field: string) {
  return problems.find(p => p.field === field)?.message;
}

/**
 * Shift a cluster's traffic away from one AZ: a form (AZ, duration, required
 * comment) checked with the backend's own validation, then a confirmation
 * that shows what losing the AZ leaves and which NodePools it blocks.
 */
export function StartShiftDialog(props: {
  open: boolean;
  detail: FleetClusterDetail;
  onClose: () => void;
  onStarted: (response: ShiftActionResponse) => void;
}) {
  const { open, detail, onClose, onStarted } = props;
  const api = useApi(fleetResilienceApiRef);
  const zones = detail.summary.zones;
  const [awayFrom, setAwayFrom] = useState('');
  const [expiresIn, setExpiresIn] = useState('1h');
  const [comment, setComment] = useState('');
  const [problems, setProblems] = useState<ValidationProblem[]>([]);
  const [confirming, setConfirming] = useState<StartShiftRequest>();
  const submission = useSubmission<ShiftActionResponse>();

  const close = () => {
    if (submission.running) return;
    setConfirming(undefined);
    setProblems([]);
    submission.reset();
    onClose();
  };

  const review = () => {
    const result = validateStartShift({ awayFrom, expiresIn, comment }, zones);
    if (!result.ok) {
      setProblems(result.problems);
      return;
    }
    setProblems([]);
    submission.reset(); // a new request gets a new idempotency key
    setConfirming(result.value);
  };

  const confirm = async () => {
    if (!confirming) return;
    const response = await submission.run(key =>
      api.startShift(detail.summary.ref.arn, confirming, key),
    );
    if (response) {
      setConfirming(undefined);
      onStarted(response);
    }
  };

  const zone = confirming
    ? zones.find(z => z.id === confirming.awayFrom)
    : undefined;
  const impact = useAsync(
    async () =>
      confirming
        ? api.getShiftImpact(detail.summary.ref.arn, confirming.awayFrom)
        : undefined,
    [api, detail.summary.ref.arn, confirming?.awayFrom],
  );
  const note = confirming
    ? precedenceNote(detail, confirming.awayFrom)
    : undefined;
  // After Review the confirmation is new content: read it first, so that a
  // second Enter does not land on "Start shift".
  const summaryRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (confirming) summaryRef.current?.focus();
  }, [confirming]);

  return (
    <Dialog
      open={open}
      onClose={close}
      aria-labelledby="start-shift-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="start-shift-title">
        {confirming
          ? 'Confirm the zonal shift'
          : 'Shift traffic away from an AZ'}
      </DialogTitle>
      {!confirming ? (
        <DialogContent>
          <DialogContentText>
            ARC stops routing traffic of {detail.summary.ref.name} to the AZ
            until the shift expires or is reverted. EKS cordons the AZ's nodes;
            the reconciler keeps Karpenter from launching nodes there.
          </DialogContentText>
          <TextField
            select
            fullWidth
            margin="dense"
            id="start-shift-az"
            label="Availability Zone"
            value={awayFrom}
            onChange={e => setAwayFrom(e.target.value)}
            error={Boolean(problemFor(problems, 'awayFrom'))}
            helperText={
              problemFor(problems, 'awayFrom') ??
              'The AZ to move traffic away from'
            }
          >
            {zones.map(z => (
              <MenuItem key={z.id} value={z.id}>
                {zoneLabel(z)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            fullWidth
            margin="dense"
            id="start-shift-duration"
            label="Duration"
            value={expiresIn}
            onChange={e => setExpiresIn(e.target.value)}
            error={Boolean(problemFor(problems, 'expiresIn'))}
            helperText={
              problemFor(problems, 'expiresIn') ??
              'Minutes or hours, e.g. 30m or 2h (at most 72h)'
            }
          />
          <TextField
            fullWidth
            required
            multiline
            margin="dense"
            id="start-shift-comment"
            label="Comment"
            value={comment}
            onChange={e => setComment(e.target.value)}
            error={Boolean(problemFor(problems, 'comment'))}
            helperText={
              problemFor(problems, 'comment') ??
              `Why traffic is shifted (${
                comment.trim().length
              }/${MAX_SHIFT_COMMENT_LENGTH})`
            }
          />
        </DialogContent>
      ) : (
        <DialogContent>
          <DialogContentText ref={summaryRef} tabIndex={-1}>
            Shift {detail.summary.ref.name} away from{' '}
            <strong>{zone ? zoneLabel(zone) : confirming.awayFrom}</strong> for{' '}
            {confirming.expiresIn}: “{confirming.comment}”.
          </DialogContentText>
          {note && (
            <Alert severity={note.severity} style={{ marginBottom: 8 }}>
              {note.text}
            </Alert>
          )}
          {impact.loading && (
            <LinearProgress aria-label="Computing what the shift leaves" />
          )}
          {impact.error && (
            <Alert severity="warning">
              What the shift leaves could not be computed:{' '}
              {describeShiftError(impact.error).message}
            </Alert>
          )}
          {impact.value && <ImpactView impact={impact.value} />}
          {submission.error !== undefined && (
            <div style={{ marginTop: 8 }}>
              <ShiftErrorAlert
                error={submission.error}
                title="ARC did not start the shift"
              />
            </div>
          )}
        </DialogContent>
      )}
      <DialogActions>
        {confirming ? (
          <>
            <Button
              onClick={() => setConfirming(undefined)}
              disabled={submission.running}
            >
              Back
            </Button>
            <Button
              color="secondary"
              variant="contained"
              onClick={confirm}
              disabled={submission.running}
              startIcon={
                submission.running ? <CircularProgress size={16} /> : undefined
              }
            >
              {submission.error !== undefined ? 'Retry' : 'Start shift'}
            </Button>
          </>
        ) : (
          <>
            <Button onClick={close}>Cancel</Button>
            <Button color="primary" variant="contained" onClick={review}>
              Review
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
