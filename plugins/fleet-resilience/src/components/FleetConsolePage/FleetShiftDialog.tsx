import { memo, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  MAX_SHIFT_COMMENT_LENGTH,
  validateUpdateShift,
  type FleetShiftItem,
  type FleetShiftResponse,
  type ValidationProblem,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { fleetResilienceApiRef } from '../../api';
import { useSubmission } from '../../hooks/useSubmission';
import { useFleetSignal } from '../../hooks/useFleetSignal';
import { isAzId } from '../../lib/fleetFilters';
import { zoneLabel } from '../../lib/format';
import { ShiftErrorAlert } from '../shared/ShiftErrorAlert';
import { VerdictChip } from '../shared/VerdictChip';

interface FleetShiftForm {
  awayFrom: string;
  expiresIn: string;
  comment: string;
}

/** The form checked with the backend's rules: an AZ ID, a duration, a comment. */
export function validateFleetShiftForm(
  form: FleetShiftForm,
):
  | { ok: true; value: FleetShiftForm }
  | { ok: false; problems: ValidationProblem[] } {
  const problems: ValidationProblem[] = [];
  const awayFrom = form.awayFrom.trim();
  if (!isAzId(awayFrom)) {
    problems.push({
      field: 'awayFrom',
      message:
        'Enter an AZ ID such as use1-az2 (names like us-east-1b differ per account)',
    });
  }
  // expiresIn and comment follow the single-cluster rules exactly.
  const rest = validateUpdateShift({
    expiresIn: form.expiresIn,
    comment: form.comment,
  });
  if (!rest.ok) {
    problems.push(...rest.problems);
  } else if (
    problems.length === 0 &&
    rest.value.expiresIn &&
    rest.value.comment
  ) {
    return {
      ok: true,
      value: {
        awayFrom,
        expiresIn: rest.value.expiresIn,
        comment: rest.value.comment,
      },
    };
  }
  return { ok: false, problems };
}

const OUTCOME_TEXT: Record<FleetShiftItem['outcome'], string> = {
  eligible: 'will be shifted',
  started: 'shifted',
  skipped: 'not shifted',
  denied: 'not allowed',
  failed: 'failed',
};

function ItemsTable(props: {
  items: FleetShiftItem[];
  label: string;
  caption?: string;
}) {
  return (
    <Table size="small" aria-label={props.label} style={{ marginTop: 8 }}>
      {props.caption && (
        <caption style={{ captionSide: 'top', padding: '4px 0' }}>
          {props.caption}
        </caption>
      )}
      <TableHead>
        <TableRow>
          <TableCell>Cluster</TableCell>
          <TableCell>N-1 without this AZ</TableCell>
          <TableCell>Outcome</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.items.map(item => (
          <TableRow key={item.cluster.arn}>
            <TableCell>
              {item.cluster.name}
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
              >
                {item.cluster.accountId} · {item.cluster.region} ·{' '}
                {zoneLabel(item.zone)}
              </Typography>
            </TableCell>
            <TableCell>
              <VerdictChip
                verdict={item.verdict}
                title={item.verdictReason}
                zone={item.zone}
              />
              <Typography variant="caption" component="div">
                {item.verdictReason}
              </Typography>
            </TableCell>
            <TableCell>
              {OUTCOME_TEXT[item.outcome] ?? item.outcome}
              {item.reason ? `: ${item.reason}` : ''}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function countsText(response: FleetShiftResponse): string {
  return Object.entries(response.counts)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${count} ${outcome}`)
    .join(', ');
}

/**
 * Shift every cluster in one AZ away from it: form, dry run (who would be
 * shifted and what each loses), confirmation, then the per-cluster outcome.
 */
export const FleetShiftDialog = memo(
  function FleetShiftDialogUnmemoised(props: {
    open: boolean;
    /** The AZ ID to propose, e.g. the one the console is filtered on. */
    initialAwayFrom?: string;
    onClose: () => void;
    onDone: () => void;
  }) {
    const api = useApi(fleetResilienceApiRef);
    const [form, setForm] = useState<FleetShiftForm>({
      awayFrom: '',
      expiresIn: '1h',
      comment: '',
    });
    const [problems, setProblems] = useState<ValidationProblem[]>([]);
    // Each opening proposes the console's AZ, unless one was typed already.
    const { open, initialAwayFrom } = props;
    useEffect(() => {
      if (open && initialAwayFrom) {
        setForm(f => (f.awayFrom ? f : { ...f, awayFrom: initialAwayFrom }));
      }
    }, [open, initialAwayFrom]);
    const [request, setRequest] = useState<FleetShiftForm>();
    const [acknowledged, setAcknowledged] = useState(false);
    const [progress, setProgress] = useState<{ done: number; total: number }>();
    const dryRun = useSubmission<FleetShiftResponse>();
    const realRun = useSubmission<FleetShiftResponse>();

    useFleetSignal(
      signal => {
        if (signal.type === 'fleet-shift-progress') {
          setProgress({ done: signal.done, total: signal.total });
        }
      },
      signal => signal.type === 'fleet-shift-progress' && realRun.running,
    );

    const reset = () => {
      setRequest(undefined);
      setAcknowledged(false);
      setProgress(undefined);
      dryRun.reset();
      realRun.reset();
    };
    const close = () => {
      if (dryRun.running || realRun.running) return;
      const finished = realRun.result !== undefined;
      reset();
      setProblems([]);
      props.onClose();
      if (finished) props.onDone();
    };

    const runDry = async () => {
      const result = validateFleetShiftForm(form);
      if (!result.ok) {
        setProblems(result.problems);
        return;
      }
      setProblems([]);
      reset();
      setRequest(result.value);
      await dryRun.run(key =>
        api.shiftFleet({ ...result.value, dryRun: true }, key),
      );
    };

    const eligible =
      dryRun.result?.items.filter(i => i.outcome === 'eligible') ?? [];
    const notShifted =
      dryRun.result?.items.filter(i => i.outcome !== 'eligible') ?? [];
    const atRisk = eligible.filter(i => i.verdict !== 'survives');

    const confirm = async () => {
      if (!request) return;
      await realRun.run(key =>
        api.shiftFleet(
          {
            ...request,
            dryRun: false,
            clusters: eligible.map(i => i.cluster.arn),
          },
          key,
        ),
      );
    };

    const problem = (field: string) =>
      problems.find(p => p.field === field)?.message;
    let step: 'form' | 'review' | 'done' = 'form';
    if (realRun.result) step = 'done';
    else if (dryRun.result && request) step = 'review';

    // The button that was pressed is gone once the outcome shows: keep the
    // keyboard focus in the dialog (and Escape working) on its Close button.
    const closeButton = useRef<HTMLButtonElement>(null);
    useEffect(() => {
      if (step === 'done') closeButton.current?.focus();
    }, [step]);

    return (
      <Dialog
        open={props.open}
        onClose={close}
        aria-labelledby="fleet-shift-title"
        fullWidth
        maxWidth="md"
      >
        <DialogTitle id="fleet-shift-title">
          Shift every cluster away from an AZ
        </DialogTitle>
        <DialogContent>
          {step === 'form' && (
            <>
              <DialogContentText>
                A dry run first lists the clusters in the AZ and what each would
                lose; nothing starts until you confirm.
              </DialogContentText>
              <TextField
                fullWidth
                margin="dense"
                id="fleet-shift-az"
                label="AZ ID"
                placeholder="use1-az2"
                value={form.awayFrom}
                onChange={e => setForm({ ...form, awayFrom: e.target.value })}
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
                onChange={e => setForm({ ...form, expiresIn: e.target.value })}
                error={Boolean(problem('expiresIn'))}
                helperText={
                  problem('expiresIn') ?? 'e.g. 30m or 2h (at most 72h)'
                }
              />
              <TextField
                fullWidth
                required
                multiline
                margin="dense"
                id="fleet-shift-comment"
                label="Comment"
                value={form.comment}
                onChange={e => setForm({ ...form, comment: e.target.value })}
                error={Boolean(problem('comment'))}
                helperText={
                  problem('comment') ??
                  `Why traffic is shifted (${
                    form.comment.trim().length
                  }/${MAX_SHIFT_COMMENT_LENGTH})`
                }
              />
              {dryRun.running && (
                <LinearProgress aria-label="Running the dry run" />
              )}
              {dryRun.error !== undefined && (
                <ShiftErrorAlert
                  error={dryRun.error}
                  title="The dry run failed"
                />
              )}
            </>
          )}
          {step === 'review' && dryRun.result && request && (
            <>
              <DialogContentText>
                Dry run for {request.awayFrom}, {request.expiresIn}: “
                {request.comment}”. {eligible.length} of{' '}
                {dryRun.result.items.length} clusters in {request.awayFrom}{' '}
                would be shifted
                {notShifted.length > 0
                  ? `; ${notShifted.length} would not (listed below with the reason)`
                  : ''}
                .
              </DialogContentText>
              {atRisk.length > 0 && (
                <Alert severity="warning">
                  {atRisk.length} of the clusters to shift{' '}
                  {atRisk.length === 1 ? 'is' : 'are'} not known to survive
                  losing {request.awayFrom}: their pods may not fit in the other
                  AZs.
                </Alert>
              )}
              {eligible.length > 0 && (
                <ItemsTable
                  items={eligible}
                  label="Clusters to shift"
                  caption={`Will be shifted (${eligible.length})`}
                />
              )}
              {notShifted.length > 0 && (
                <ItemsTable
                  items={notShifted}
                  label="Clusters not shifted"
                  caption={`Will not be shifted (${notShifted.length})`}
                />
              )}
              {atRisk.length > 0 && eligible.length > 0 && (
                <FormControlLabel
                  control={
                    <Checkbox
                      checked={acknowledged}
                      onChange={e => setAcknowledged(e.target.checked)}
                    />
                  }
                  label={`I understand that ${atRisk.length} cluster${
                    atRisk.length === 1 ? '' : 's'
                  } may run short of capacity`}
                />
              )}
              {realRun.running && (
                <>
                  <Typography variant="body2">
                    Starting shifts
                    {progress
                      ? `: ${progress.done} of ${progress.total} done`
                      : '…'}
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
              {realRun.error !== undefined && (
                <ShiftErrorAlert
                  error={realRun.error}
                  title="The fleet shift failed"
                />
              )}
            </>
          )}
          {step === 'done' && realRun.result && (
            <>
              <Alert
                severity={
                  realRun.result.counts.failed > 0 ||
                  realRun.result.counts.denied > 0
                    ? 'warning'
                    : 'success'
                }
              >
                Fleet shift away from {realRun.result.awayFrom}:{' '}
                {countsText(realRun.result) || 'nothing to do'}.
              </Alert>
              <ItemsTable
                items={realRun.result.items}
                label="Fleet shift outcome"
              />
            </>
          )}
        </DialogContent>
        <DialogActions>
          {step === 'form' && (
            <>
              <Button onClick={close} disabled={dryRun.running}>
                Cancel
              </Button>
              <Button
                color="primary"
                variant="contained"
                onClick={runDry}
                disabled={dryRun.running}
                startIcon={
                  dryRun.running ? <CircularProgress size={16} /> : undefined
                }
              >
                Dry run
              </Button>
            </>
          )}
          {step === 'review' && (
            <>
              <Button onClick={reset} disabled={realRun.running}>
                Back
              </Button>
              <Button
                color="secondary"
                variant="contained"
                onClick={confirm}
                disabled={
                  realRun.running ||
                  eligible.length === 0 ||
                  (atRisk.length > 0 && !acknowledged)
                }
              >
                {realRun.error !== undefined
                  ? 'Retry'
                  : `Shift ${eligible.length} cluster${
                      eligible.length === 1 ? '' : 's'
                    }`}
              </Button>
            </>
          )}
          {step === 'done' && (
            <Button
              ref={closeButton}
              color="primary"
              variant="contained"
              onClick={close}
            >
              Close
            </Button>
          )}
        </DialogActions>
      </Dialog>
    );
  },
);
