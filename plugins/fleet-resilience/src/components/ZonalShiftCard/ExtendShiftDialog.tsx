import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import {
  validateUpdateShift,
  type ShiftActionResponse,
  type ValidationProblem,
  type ZonalShift,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { fleetResilienceApiRef } from '../../api';
import { useSubmission } from '../../hooks/useSubmission';
import { formatTime } from '../../lib/format';
import { ShiftErrorAlert } from '../shared/ShiftErrorAlert';

/** Sets a new expiry (counted from now) and optionally a new comment. */
export function ExtendShiftDialog(props: {
  open: boolean;
  clusterArn: string;
  shift: ZonalShift;
  onClose: () => void;
  onUpdated: (response: ShiftActionResponse) => void;
}) {
  const { open, clusterArn, shift, onClose, onUpdated } = props;
  const api = useApi(fleetResilienceApiRef);
  const [expiresIn, setExpiresIn] = useState('1h');
  const [comment, setComment] = useState('');
  const [problems, setProblems] = useState<ValidationProblem[]>([]);
  const submission = useSubmission<ShiftActionResponse>();

  const close = () => {
    if (submission.running) return;
    submission.reset();
    setProblems([]);
    onClose();
  };

  const submit = async () => {
    const result = validateUpdateShift({
      expiresIn,
      comment: comment.trim() === '' ? undefined : comment,
    });
    if (!result.ok) {
      setProblems(result.problems);
      return;
    }
    setProblems([]);
    const response = await submission.run(key =>
      api.updateShift(clusterArn, shift.zonalShiftId, result.value, key),
    );
    if (response) {
      submission.reset();
      onUpdated(response);
    }
  };

  const problem = (field: string) =>
    problems.find(p => p.field === field)?.message;
  return (
    <Dialog
      open={open}
      onClose={close}
      aria-labelledby="extend-shift-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="extend-shift-title">Extend the zonal shift</DialogTitle>
      <DialogContent>
        <DialogContentText>
          The shift away from {shift.awayFrom} now expires{' '}
          {formatTime(shift.expiryTime)}. The new duration counts from now.
        </DialogContentText>
        <TextField
          fullWidth
          margin="dense"
          id="extend-shift-duration"
          label="New duration from now"
          value={expiresIn}
          onChange={e => {
            setExpiresIn(e.target.value);
            submission.reset();
          }}
          error={Boolean(problem('expiresIn') ?? problem('input'))}
          helperText={
            problem('expiresIn') ??
            problem('input') ??
            'e.g. 30m or 2h (at most 72h)'
          }
        />
        <TextField
          fullWidth
          multiline
          margin="dense"
          id="extend-shift-comment"
          label="New comment (optional)"
          value={comment}
          onChange={e => {
            setComment(e.target.value);
            submission.reset();
          }}
          error={Boolean(problem('comment'))}
          helperText={problem('comment') ?? `Now: “${shift.comment}”`}
        />
        {submission.error !== undefined && (
          <ShiftErrorAlert
            error={submission.error}
            title="ARC did not extend the shift"
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={submission.running}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          onClick={submit}
          disabled={submission.running}
          startIcon={
            submission.running ? <CircularProgress size={16} /> : undefined
          }
        >
          Extend
        </Button>
      </DialogActions>
    </Dialog>
  );
}
