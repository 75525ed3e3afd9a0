import { useState } from 'react';
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
import {
  MAX_SHIFT_COMMENT_LENGTH,
  validateStartShift,
  type FleetClusterDetail,
  type ShiftActionResponse,
  type StartShiftRequest,
  type ValidationProblem,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { fleetResilienceApiRef } from '../../api';
import { useSubmission } from '../../hooks/useSubmission';
import { zoneLabel } from '../../lib/format';
import {
  nodePoolsBlockedBy,
  zoneLossFor,
  zoneLossSentence,
} from '../../lib/zoneImpact';
import { ShiftErrorAlert } from '../shared/ShiftErrorAlert';

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
  const loss = confirming
    ? zoneLossFor(detail.survivability, confirming.awayFrom)
    : undefined;
  const blocked = confirming
    ? nodePoolsBlockedBy(detail.nodePools, confirming.awayFrom)
    : [];

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
          <DialogContentText>
            Shift {detail.summary.ref.name} away from{' '}
            <strong>{zone ? zoneLabel(zone) : confirming.awayFrom}</strong> for{' '}
            {confirming.expiresIn}: “{confirming.comment}”.
          </DialogContentText>
          {loss ? (
            <Alert severity={loss.survives ? 'info' : 'warning'}>
              {zoneLossSentence(loss)}
            </Alert>
          ) : (
            <Alert severity="warning">
              The capacity left without this AZ is unknown: the cluster's nodes
              have not been read.
            </Alert>
          )}
          {blocked.length > 0 ? (
            <Alert severity="warning" style={{ marginTop: 8 }}>
              These NodePools can launch nodes only in this AZ and will be
              blocked during the shift: {blocked.map(p => p.name).join(', ')}.
            </Alert>
          ) : (
            <Typography variant="body2" style={{ marginTop: 8 }}>
              No NodePool is limited to this AZ alone.
            </Typography>
          )}
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
