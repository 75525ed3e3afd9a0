import TextField from '@material-ui/core/TextField';
import type {
  FormProblems,
  PracticeRunField,
  PracticeRunForm,
} from '../../lib/readinessForm';

const FIELDS: Record<
  PracticeRunField,
  { label: string; help: string; required?: boolean }
> = {
  outcomeAlarms: {
    label: 'Outcome alarms',
    help: 'CloudWatch alarm ARNs, one per line: a practice run fails if one goes into ALARM',
    required: true,
  },
  blockingAlarms: {
    label: 'Blocking alarms',
    help: 'Optional: CloudWatch alarm ARNs whose ALARM state keeps practice runs from starting',
  },
  blockedWindows: {
    label: 'Blocked windows (UTC)',
    help: 'Optional, one per line: e.g. Mon:09:00-Mon:17:00',
  },
  blockedDates: {
    label: 'Blocked dates',
    help: 'Optional, one per line: e.g. 2026-12-24',
  },
};

/** ARC's practice-run settings as form fields, with their problems under each. */
export function PracticeRunFields(props: {
  form: PracticeRunForm;
  onChange: (form: PracticeRunForm) => void;
  problems?: FormProblems;
  idPrefix: string;
}) {
  const { form, onChange, problems, idPrefix } = props;
  return (
    <>
      {(Object.keys(FIELDS) as PracticeRunField[]).map(field => {
        const problem = problems?.fields[field]?.join('; ');
        return (
          <TextField
            key={field}
            id={`${idPrefix}-${field}`}
            fullWidth
            multiline
            minRows={field === 'outcomeAlarms' ? 2 : 1}
            margin="dense"
            required={FIELDS[field].required}
            label={FIELDS[field].label}
            value={form[field]}
            onChange={e => onChange({ ...form, [field]: e.target.value })}
            error={Boolean(problem)}
            helperText={problem ?? FIELDS[field].help}
          />
        );
      })}
    </>
  );
}
