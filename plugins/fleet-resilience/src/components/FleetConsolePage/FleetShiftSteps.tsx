import Checkbox from '@material-ui/core/Checkbox';
import DialogContentText from '@material-ui/core/DialogContentText';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  MAX_SHIFT_COMMENT_LENGTH,
  type FleetShiftItem,
  type FleetShiftResponse,
  type ValidationProblem,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { ShiftErrorAlert } from '../shared/ShiftErrorAlert';
import type { FleetShiftForm } from './fleetShiftForm';
import { countsText, FleetShiftItemsTable } from './FleetShiftItemsTable';

// The three steps of the fleet shift dialog's content: the form (with its
// dry run), the dry run's review (with the real run's progress) and the
// real run's outcome. The dialog owns the state and the buttons.

/** The form: AZ ID, duration, comment. */
export function FleetShiftFormStep(props: {
  form: FleetShiftForm;
  onChange: (form: FleetShiftForm) => void;
  problems: ValidationProblem[];
  running: boolean;
  error: unknown;
}) {
  const { form, onChange } = props;
  const problem = (field: string) =>
    props.problems.find(p => p.field === field)?.message;
  return (
    <>
      <DialogContentText>
        A dry run first lists the clusters in the AZ and what each would lose;
        nothing starts until you confirm.
      </DialogContentText>
      <TextField
        fullWidth
        margin="dense"
        id="fleet-shift-az"
        label="AZ ID"
        placeholder="use1-az2"
        value={form.awayFrom}
        onChange={e => onChange({ ...form, awayFrom: e.target.value })}
        error={Boolean(problem('awayFrom'))}
        helperText={
          problem('awayFrom') ?? 'The same physical AZ in every account'
        }
      />
      <TextField
        fullWidth
        margin="dense"
        id="fleet-shift-duration"
        label="Duration"
        value={form.expiresIn}
        onChange={e => onChange({ ...form, expiresIn: e.target.value })}
        error={Boolean(problem('expiresIn'))}
        helperText={problem('expiresIn') ?? 'e.g. 30m or 2h (at most 72h)'}
      />
      <TextField
        fullWidth
        required
        multiline
        margin="dense"
        id="fleet-shift-comment"
        label="Comment"
        value={form.comment}
        onChange={e => onChange({ ...form, comment: e.target.value })}
        error={Boolean(problem('comment'))}
        helperText={
          problem('comment') ??
          `Why traffic is shifted (${
            form.comment.trim().length
          }/${MAX_SHIFT_COMMENT_LENGTH})`
        }
      />
      {props.running && <LinearProgress aria-label="Running the dry run" />}
      {props.error !== undefined && (
        <ShiftErrorAlert error={props.error} title="The dry run failed" />
      )}
    </>
  );
}

/**
 * Clusters in the AZ that the caller may not read: the dry run leaves them
 * out, and only counts them, so the caller knows the fleet shift does not
 * reach the whole AZ.
 */
export function hiddenText(hidden: number, awayFrom: string): string {
  return hidden === 1
    ? `1 cluster in this AZ (${awayFrom}) is not visible to you and will not be shifted.`
    : `${hidden} clusters in this AZ (${awayFrom}) are not visible to you and will not be shifted.`;
}

/**
 * The dry run's answer: who would be shifted, who would not and why, and
 * while the real run starts the shifts, its progress.
 */
export function FleetShiftReviewStep(props: {
  request: FleetShiftForm;
  dryRun: FleetShiftResponse;
  eligible: FleetShiftItem[];
  notShifted: FleetShiftItem[];
  atRisk: FleetShiftItem[];
  acknowledged: boolean;
  onAcknowledge: (acknowledged: boolean) => void;
  running: boolean;
  progress?: { done: number; total: number };
  error: unknown;
}) {
  const { request, eligible, notShifted, atRisk, progress } = props;
  return (
    <>
      <DialogContentText>
        Dry run for {request.awayFrom}, {request.expiresIn}: “{request.comment}
        ”. {eligible.length} of {props.dryRun.items.length} clusters in{' '}
        {request.awayFrom} would be shifted
        {notShifted.length > 0
          ? `; ${notShifted.length} would not (listed below with the reason)`
          : ''}
        .
      </DialogContentText>
      {(props.dryRun.hidden ?? 0) > 0 && (
        <Alert severity="info">
          {hiddenText(props.dryRun.hidden ?? 0, request.awayFrom)}
        </Alert>
      )}
      {atRisk.length > 0 && (
        <Alert severity="warning">
          {atRisk.length} of the clusters to shift{' '}
          {atRisk.length === 1 ? 'is' : 'are'} not known to survive losing{' '}
          {request.awayFrom}: their pods may not fit in the other AZs.
        </Alert>
      )}
      {eligible.length > 0 && (
        <FleetShiftItemsTable
          items={eligible}
          label="Clusters to shift"
          caption={`Will be shifted (${eligible.length})`}
        />
      )}
      {notShifted.length > 0 && (
        <FleetShiftItemsTable
          items={notShifted}
          label="Clusters not shifted"
          caption={`Will not be shifted (${notShifted.length})`}
        />
      )}
      {atRisk.length > 0 && eligible.length > 0 && (
        <FormControlLabel
          control={
            <Checkbox
              checked={props.acknowledged}
              onChange={e => props.onAcknowledge(e.target.checked)}
            />
          }
          label={`I understand that ${atRisk.length} cluster${
            atRisk.length === 1 ? '' : 's'
          } may run short of capacity`}
        />
      )}
      {props.running && (
        <>
          <Typography variant="body2">
            Starting shifts
            {progress ? `: ${progress.done} of ${progress.total} done` : '…'}
          </Typography>
          <LinearProgress
            aria-label="Fleet shift progress"
            variant={progress ? 'determinate' : 'indeterminate'}
            value={
              progress && progress.total > 0
                ? (100 * progress.done) / progress.total
                : 0
            }
          />
        </>
      )}
      {props.error !== undefined && (
        <ShiftErrorAlert error={props.error} title="The fleet shift failed" />
      )}
    </>
  );
}

/** What the real run did, per cluster. */
export function FleetShiftOutcomeStep(props: { result: FleetShiftResponse }) {
  const { result } = props;
  return (
    <>
      <Alert
        severity={
          result.counts.failed > 0 || result.counts.denied > 0
            ? 'warning'
            : 'success'
        }
      >
        Fleet shift away from {result.awayFrom}:{' '}
        {countsText(result) || 'nothing to do'}.
      </Alert>
      <FleetShiftItemsTable items={result.items} label="Fleet shift outcome" />
    </>
  );
}
