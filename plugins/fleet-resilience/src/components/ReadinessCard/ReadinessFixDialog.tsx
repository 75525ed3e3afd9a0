import { useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import {
  type PracticeRunConfiguration,
  type ReadinessFix,
  type ReadinessFixResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { fleetResilienceApiRef } from '../../api';
import { useSubmission } from '../../hooks/useSubmission';
import { FIX_EFFECT, FIX_TEXT } from '../../lib/readiness';
import {
  practiceRunFormOf,
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
import { SubmitDialogActions } from '../shared/SubmitDialogActions';

/**
 * One readiness fix of one cluster: what it does on the AWS side, a required
 * comment for the audit and, for practice runs, ARC's settings (filled with
 * the current configuration). Checked before it is sent; the server's
 * refusal (ARC's reason, a field it names) is shown as it answered.
 */
export function ReadinessFixDialog(props: {
  fix: ReadinessFix | undefined;
  clusterArn: string;
  clusterName: string;
  configuration?: PracticeRunConfiguration;
  onClose: () => void;
  onDone: (response: ReadinessFixResponse) => void;
}) {
  const { fix, clusterArn, clusterName, configuration, onClose, onDone } =
    props;
  const api = useApi(fleetResilienceApiRef);
  const [comment, setComment] = useState('');
  const [form, setForm] = useState<PracticeRunForm>(() =>
    practiceRunFormOf(configuration),
  );
  const [problems, setProblems] = useState<FormProblems>();
  const submission = useSubmission<ReadinessFixResponse>();
  const practiceRuns = fix === 'configure-practice-runs';

  // Each opening starts from ARC's configuration as it is then; the card's
  // reloads while the dialog is open must not overwrite what the user typed.
  const openedWith = useRef(configuration);
  openedWith.current = configuration;
  useEffect(() => {
    if (fix) setForm(practiceRunFormOf(openedWith.current));
  }, [fix]);

  const close = () => {
    if (submission.running) return;
    submission.reset();
    setProblems(undefined);
    setComment('');
    onClose();
  };

  const submit = async () => {
    if (!fix) return;
    const checked = validateFixForm(comment, practiceRuns ? form : undefined);
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems(undefined);
    const response = await submission.run(key =>
      api.fixClusterReadiness(
        clusterArn,
        {
          fix,
          comment: checked.comment,
          ...(checked.practiceRuns
            ? { practiceRuns: checked.practiceRuns }
            : {}),
        },
        key,
      ),
    );
    if (response) {
      submission.reset();
      setComment('');
      onDone(response);
    }
  };

  return (
    <Dialog
      open={fix !== undefined}
      onClose={close}
      aria-labelledby="readiness-fix-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="readiness-fix-title">
        {fix ? `${FIX_TEXT[fix]} on ${clusterName}` : ''}
      </DialogTitle>
      <DialogContent>
        {fix && <DialogContentText>{FIX_EFFECT[fix]}</DialogContentText>}
        {practiceRuns && (
          <PracticeRunFields
            form={form}
            onChange={next => {
              setForm(next);
              // An edited request is a new submission: a new idempotency key.
              submission.reset();
            }}
            problems={problems}
            idPrefix="readiness-fix"
          />
        )}
        <AuditCommentField
          id="readiness-fix-comment"
          value={comment}
          onChange={next => {
            setComment(next);
            submission.reset();
          }}
          problems={problems}
        />
        <OtherProblemsAlert problems={problems} />
        {submission.error !== undefined && (
          <ShiftErrorAlert
            error={submission.error}
            title="The change was not made"
          />
        )}
      </DialogContent>
      <SubmitDialogActions
        running={submission.running}
        onCancel={close}
        onSubmit={submit}
      >
        {submission.error === undefined && fix ? FIX_TEXT[fix] : 'Retry'}
      </SubmitDialogActions>
    </Dialog>
  );
}
