import { memo, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type {
  FleetShiftResponse,
  ValidationProblem,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { fleetResilienceApiRef } from '../../api';
import { useSubmission } from '../../hooks/useSubmission';
import { useFleetSignal } from '../../hooks/useFleetSignal';
import { validateFleetShiftForm, type FleetShiftForm } from './fleetShiftForm';
import { DryRunDialogActions, realRunLabel } from './DryRunDialogActions';
import { FleetDialogFrame } from './FleetDialogFrame';
import {
  FleetShiftFormStep,
  FleetShiftOutcomeStep,
  FleetShiftReviewStep,
} from './FleetShiftSteps';

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

    // The real run acts on the eligible clusters only: those the caller may
    // not shift come back skipped, with the permission as the reason.
    let confirmBlocked: string | undefined;
    if (eligible.length === 0) {
      confirmBlocked =
        'No cluster listed can be shifted: each one says why it is skipped';
    } else if (atRisk.length > 0 && !acknowledged) {
      confirmBlocked =
        'First confirm that you understand the capacity risk (the checkbox above)';
    }

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
      <FleetDialogFrame
        open={props.open}
        onClose={close}
        titleId="fleet-shift-title"
        title="Shift every cluster away from an AZ"
        actions={
          <DryRunDialogActions
            step={step}
            dryRunning={dryRun.running}
            realRunning={realRun.running}
            onCancel={close}
            onDryRun={runDry}
            onBack={reset}
            onRun={confirm}
            runBlocked={confirmBlocked}
            runLabel={realRunLabel(
              'Shift',
              eligible.length,
              realRun.error !== undefined,
            )}
            closeButtonRef={closeButton}
          />
        }
      >
        {step === 'form' && (
          <FleetShiftFormStep
            form={form}
            onChange={setForm}
            problems={problems}
            running={dryRun.running}
            error={dryRun.error}
          />
        )}
        {step === 'review' && dryRun.result && request && (
          <FleetShiftReviewStep
            request={request}
            dryRun={dryRun.result}
            eligible={eligible}
            notShifted={notShifted}
            atRisk={atRisk}
            acknowledged={acknowledged}
            onAcknowledge={setAcknowledged}
            running={realRun.running}
            progress={progress}
            error={realRun.error}
          />
        )}
        {step === 'done' && realRun.result && (
          <FleetShiftOutcomeStep result={realRun.result} />
        )}
      </FleetDialogFrame>
    );
  },
);
