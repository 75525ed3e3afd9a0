import { memo, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import DialogContentText from '@material-ui/core/DialogContentText';
import LinearProgress from '@material-ui/core/LinearProgress';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  PAGING_LIMITS,
  type FleetReadinessFixItem,
  type FleetReadinessFixResponse,
  type ReadinessFix,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { fleetResilienceApiRef, type ReadinessFixRequest } from '../../api';
import { useSubmission } from '../../hooks/useSubmission';
import { FleetFilters, toSummaryQuery } from '../../lib/fleetFilters';
import { FIX_EFFECT, FIX_TEXT, FLEET_FIXES } from '../../lib/readiness';
import {
  EMPTY_PRACTICE_RUN_FORM,
  validateFixForm,
  type FormProblems,
  type PracticeRunForm,
} from '../../lib/readinessForm';
import { PracticeRunFields } from '../shared/PracticeRunFields';
import {
  AuditCommentField,
  OtherProblemsAlert,
} from '../shared/AuditCommentField';
import { ShiftErrorAlert } from '../shared/ShiftErrorAlert';
import { DryRunDialogActions, realRunLabel } from './DryRunDialogActions';
import { FleetDialogFrame } from './FleetDialogFrame';
import {
  fleetFixCountsText,
  FleetReadinessItemsTable,
} from './FleetReadinessItemsTable';

/**
 * The real run goes in batches of this many clusters, so that the dialog
 * can show progress per cluster as each batch answers.
 */
export const FLEET_FIX_BATCH = 10;

interface DryRun {
  request: ReadinessFixRequest;
  clusters: number;
  /** More clusters match than one request may name. */
  truncated: boolean;
  response: FleetReadinessFixResponse;
}

/**
 * A readiness fix of the clusters the console lists: form (fix, comment,
 * practice-run settings), a dry run (who would be changed, who is already
 * so, who is skipped and why), then the real run on the eligible clusters
 * with its progress and each cluster's outcome.
 */
export const FleetReadinessFixDialog = memo(
  function FleetReadinessFixDialogUnmemoised(props: {
    open: boolean;
    filters: FleetFilters;
    onClose: () => void;
    onDone: () => void;
  }) {
    const api = useApi(fleetResilienceApiRef);
    const [fix, setFix] = useState<ReadinessFix>('enable-zonal-shift');
    const [comment, setComment] = useState('');
    const [form, setForm] = useState<PracticeRunForm>(EMPTY_PRACTICE_RUN_FORM);
    const [problems, setProblems] = useState<FormProblems>();
    const [items, setItems] = useState<FleetReadinessFixItem[]>([]);
    const dryRun = useSubmission<DryRun>();
    const realRun = useSubmission<FleetReadinessFixItem[]>();

    const reset = () => {
      setItems([]);
      dryRun.reset();
      realRun.reset();
    };
    const close = () => {
      if (dryRun.running || realRun.running) return;
      const finished = realRun.result !== undefined;
      reset();
      setProblems(undefined);
      props.onClose();
      if (finished) props.onDone();
    };

    const runDry = async () => {
      const checked = validateFixForm(
        comment,
        fix === 'configure-practice-runs' ? form : undefined,
      );
      if (!checked.ok) {
        setProblems(checked.problems);
        return;
      }
      setProblems(undefined);
      reset();
      const request: ReadinessFixRequest = {
        fix,
        comment: checked.comment,
        ...(checked.practiceRuns ? { practiceRuns: checked.practiceRuns } : {}),
      };
      await dryRun.run(async key => {
        const list = await api.listClusters({
          ...toSummaryQuery(props.filters),
          sort: 'name',
          order: 'asc',
          limit: PAGING_LIMITS.maxLimit,
          offset: 0,
        });
        const clusters = list.items.map(c => c.ref.arn);
        if (clusters.length === 0) {
          throw new Error('No cluster matches the console’s filters.');
        }
        const response = await api.fixFleetReadiness(
          { ...request, clusters, dryRun: true },
          key,
        );
        return {
          request,
          clusters: clusters.length,
          truncated: list.totalCount > clusters.length,
          response,
        };
      });
    };

    const eligible =
      dryRun.result?.response.items.filter(i => i.outcome === 'eligible') ?? [];
    const notChanged =
      dryRun.result?.response.items.filter(i => i.outcome !== 'eligible') ?? [];

    const apply = async () => {
      const dry = dryRun.result;
      if (!dry) return;
      const arns = eligible.map(i => i.cluster.arn);
      setItems([]);
      await realRun.run(async key => {
        const done: FleetReadinessFixItem[] = [];
        for (let start = 0; start < arns.length; start += FLEET_FIX_BATCH) {
          // One key per batch, the same on a retry: a batch that was
          // applied answers as a replay instead of acting twice.
          const response = await api.fixFleetReadiness(
            {
              ...dry.request,
              clusters: arns.slice(start, start + FLEET_FIX_BATCH),
              dryRun: false,
            },
            `${key}:${start / FLEET_FIX_BATCH}`,
          );
          done.push(...response.items);
          setItems([...done]);
        }
        return done;
      });
    };

    let step: 'form' | 'review' | 'done' = 'form';
    if (realRun.result) step = 'done';
    else if (dryRun.result) step = 'review';
    const outcome = realRun.result ?? items;

    return (
      <FleetDialogFrame
        open={props.open}
        onClose={close}
        titleId="fleet-readiness-fix-title"
        title="Fix the readiness of the clusters listed"
        actions={
          <DryRunDialogActions
            step={step}
            dryRunning={dryRun.running}
            realRunning={realRun.running}
            onCancel={close}
            onDryRun={runDry}
            onBack={reset}
            onRun={apply}
            runBlocked={
              eligible.length === 0
                ? 'No cluster listed would change: each one says why'
                : undefined
            }
            runLabel={realRunLabel(
              'Apply to',
              eligible.length,
              realRun.error !== undefined,
            )}
          />
        }
      >
        {step === 'form' && (
          <>
            <DialogContentText>
              For every cluster the console lists with its filters. A dry run
              first says what would change on each; nothing changes until you
              apply it.
            </DialogContentText>
            <TextField
              select
              fullWidth
              margin="dense"
              id="fleet-readiness-fix"
              label="Fix"
              value={fix}
              onChange={e => setFix(e.target.value as ReadinessFix)}
              helperText={FIX_EFFECT[fix]}
            >
              {FLEET_FIXES.map(f => (
                <MenuItem key={f} value={f}>
                  {FIX_TEXT[f]}
                </MenuItem>
              ))}
            </TextField>
            {fix === 'configure-practice-runs' && (
              <PracticeRunFields
                form={form}
                onChange={setForm}
                problems={problems}
                idPrefix="fleet-readiness-fix"
              />
            )}
            <AuditCommentField
              id="fleet-readiness-fix-comment"
              value={comment}
              onChange={setComment}
              problems={problems}
            />
            <OtherProblemsAlert problems={problems} />
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
        {step === 'review' && dryRun.result && (
          <>
            <DialogContentText>
              Dry run of “{FIX_TEXT[dryRun.result.request.fix]}” on{' '}
              {dryRun.result.clusters} cluster
              {dryRun.result.clusters === 1 ? '' : 's'}:{' '}
              {fleetFixCountsText(dryRun.result.response.items) ||
                'nothing to do'}
              .
            </DialogContentText>
            {dryRun.result.truncated && (
              <Alert severity="info">
                More clusters match than one fix may name: only the first{' '}
                {dryRun.result.clusters} (by name) are included. Narrow the
                filters for the rest.
              </Alert>
            )}
            {eligible.length > 0 && (
              <FleetReadinessItemsTable
                items={eligible}
                label="Clusters to change"
                caption={`Will be changed (${eligible.length})`}
              />
            )}
            {notChanged.length > 0 && (
              <FleetReadinessItemsTable
                items={notChanged}
                label="Clusters not changed"
                caption={`Will not be changed (${notChanged.length})`}
              />
            )}
            {realRun.running && (
              <>
                <Typography variant="body2">
                  Applying: {items.length} of {eligible.length} clusters done
                </Typography>
                <LinearProgress
                  aria-label="Fleet fix progress"
                  variant="determinate"
                  value={
                    eligible.length > 0
                      ? (100 * items.length) / eligible.length
                      : 0
                  }
                />
                {items.length > 0 && (
                  <FleetReadinessItemsTable
                    items={items}
                    label="Clusters done so far"
                  />
                )}
              </>
            )}
            {realRun.error !== undefined && (
              <ShiftErrorAlert
                error={realRun.error}
                title={`The fix stopped after ${items.length} of ${eligible.length} clusters`}
              />
            )}
          </>
        )}
        {step === 'done' && (
          <>
            <Alert
              severity={
                outcome.some(
                  i => i.outcome === 'failed' || i.outcome === 'denied',
                )
                  ? 'warning'
                  : 'success'
              }
            >
              {FIX_TEXT[fix]}: {fleetFixCountsText(outcome) || 'nothing to do'}.
              {outcome.some(i => i.outcome === 'in-progress')
                ? ' Each cluster’s Readiness card follows its EKS update until it completes.'
                : ''}
            </Alert>
            <FleetReadinessItemsTable
              items={outcome}
              label="Fleet fix outcome"
            />
          </>
        )}
      </FleetDialogFrame>
    );
  },
);
