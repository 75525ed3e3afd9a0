import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import {
  planExtension,
  validateUpdateShift,
  type ShiftActionResponse,
  type ValidationProblem,
  type ZonalShift,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { fleetResilienceApiRef } from '../../api';
import { useSubmission } from '../../hooks/useSubmission';
import { useTimeFormat } from '../../hooks/useTimeFormat';
import { ShiftErrorAlert } from '../shared/ShiftErrorAlert';
import { SubmitDialogActions } from '../shared/SubmitDialogActions';

const DEFAULT_EXTEND_BY = '1h';

/** The dialog's clock, ticking each half minute so "new expiry" stays true. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/**
 * Extends a shift: adds time to its current expiry, never takes any away.
 * The current and the new expiry are shown before anything is sent; ARC's
 * 72-hour limit (counted from now) is checked by the same pure function the
 * backend applies to `extendBy`.
 */
export function ExtendShiftDialog(props: {
  open: boolean;
  clusterArn: string;
  shift: ZonalShift;
  onClose: () => void;
  onUpdated: (response: ShiftActionResponse) => void;
}) {
  const { open, clusterArn, shift, onClose, onUpdated } = props;
  const api = useApi(fleetResilienceApiRef);
  const time = useTimeFormat();
  const now = useNow(open);
  const [extendBy, setExtendBy] = useState(DEFAULT_EXTEND_BY);
  const [comment, setComment] = useState('');
  const [problems, setProblems] = useState<ValidationProblem[]>([]);
  const submission = useSubmission<ShiftActionResponse>();

  const plan = planExtension({
    currentExpiry: shift.expiryTime,
    now,
    extendBy: extendBy.trim(),
  });

  const close = () => {
    if (submission.running) return;
    submission.reset();
    setProblems([]);
    onClose();
  };

  const submit = async () => {
    const result = validateUpdateShift({
      extendBy: extendBy.trim(),
      comment: comment.trim() === '' ? undefined : comment,
    });
    if (!result.ok) {
      setProblems(result.problems);
      return;
    }
    if (!plan.ok) {
      setProblems([{ field: 'extendBy', message: plan.problem }]);
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
  const durationProblem =
    problem('extendBy') ??
    problem('input') ??
    (plan.ok ? undefined : plan.problem);
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
          Adds time to the shift away from {shift.awayFrom}. A shift can last at
          most 72 hours from now.
        </DialogContentText>
        <TextField
          fullWidth
          margin="dense"
          id="extend-shift-duration"
          label="Add"
          value={extendBy}
          onChange={e => {
            setExtendBy(e.target.value);
            setProblems([]);
            submission.reset();
          }}
          error={Boolean(durationProblem)}
          helperText={
            durationProblem ?? 'Minutes or hours to add, e.g. 30m or 2h'
          }
        />
        <Table size="small" aria-label="Expiry">
          <TableBody>
            <TableRow>
              <TableCell component="th" scope="row">
                Expires now
              </TableCell>
              <TableCell>
                {time.formatTime(shift.expiryTime)} (
                {time.formatRelative(shift.expiryTime, new Date(now))})
              </TableCell>
            </TableRow>
            <TableRow>
              <TableCell component="th" scope="row">
                New expiry
              </TableCell>
              <TableCell>
                {plan.ok
                  ? `${time.formatTime(plan.newExpiry)} (${time.formatRelative(
                      plan.newExpiry,
                      new Date(now),
                    )})`
                  : '-'}
              </TableCell>
            </TableRow>
          </TableBody>
        </Table>
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
      <SubmitDialogActions
        running={submission.running}
        onCancel={close}
        onSubmit={submit}
        disabled={!plan.ok}
      >
        Extend
      </SubmitDialogActions>
    </Dialog>
  );
}
