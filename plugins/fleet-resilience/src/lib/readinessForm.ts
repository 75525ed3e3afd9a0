/**
 * The readiness fix forms (comment, practice-run settings): what is typed,
 * turned into the request and checked with the backend's own rules before
 * it is sent.
 */
import {
  MAX_SHIFT_COMMENT_LENGTH,
  parsePracticeRunSettings,
  plainTextProblem,
  type PracticeRunConfiguration,
  type PracticeRunSettings,
} from '@fleet-resilience/plugin-fleet-resilience-common';

/** The practice-run fields as typed: one value per line (or comma-separated). */
export interface PracticeRunForm {
  outcomeAlarms: string;
  blockingAlarms: string;
  blockedWindows: string;
  blockedDates: string;
}

export type PracticeRunField = keyof PracticeRunForm;

export const PRACTICE_RUN_FIELDS: PracticeRunField[] = [
  'outcomeAlarms',
  'blockingAlarms',
  'blockedWindows',
  'blockedDates',
];

export const EMPTY_PRACTICE_RUN_FORM: PracticeRunForm = {
  outcomeAlarms: '',
  blockingAlarms: '',
  blockedWindows: '',
  blockedDates: '',
};

/** The form filled with ARC's current configuration, to edit it. */
export function practiceRunFormOf(
  configuration: PracticeRunConfiguration | undefined,
): PracticeRunForm {
  if (!configuration) return EMPTY_PRACTICE_RUN_FORM;
  const lines = (list?: string[]) => (list ?? []).join('\n');
  return {
    outcomeAlarms: lines(
      configuration.outcomeAlarms.map(a => a.alarmIdentifier),
    ),
    blockingAlarms: lines(
      configuration.blockingAlarms?.map(a => a.alarmIdentifier),
    ),
    blockedWindows: lines(configuration.blockedWindows),
    blockedDates: lines(configuration.blockedDates),
  };
}

function values(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map(v => v.trim())
    .filter(v => v.length > 0);
}

/**
 * The request's `practiceRuns` as typed. Every list is sent, empty ones
 * too: an update keeps what it is not given, so a field emptied in the form
 * must say so.
 */
export function practiceRunInput(form: PracticeRunForm): PracticeRunSettings {
  return {
    outcomeAlarms: values(form.outcomeAlarms),
    blockingAlarms: values(form.blockingAlarms),
    blockedWindows: values(form.blockedWindows),
    blockedDates: values(form.blockedDates),
  };
}

/** Problems of a fix form: per field, and those naming no field. */
export interface FormProblems {
  comment?: string;
  fields: Partial<Record<PracticeRunField, string[]>>;
  other: string[];
}

/** True when a form has nothing wrong with it. */
export function noProblems(problems: FormProblems): boolean {
  return (
    !problems.comment &&
    problems.other.length === 0 &&
    Object.values(problems.fields).every(list => !list || list.length === 0)
  );
}

/**
 * The comment's problem, or undefined: 1 to 128 characters of one line of
 * plain text after trimming, as the backend requires of every comment.
 */
export function commentProblem(comment: string): string | undefined {
  const trimmed = comment.trim();
  if (trimmed === '') return 'Comment is required: say why, for the audit';
  const text = plainTextProblem(trimmed);
  if (text) return `Comment ${text}`;
  if (trimmed.length > MAX_SHIFT_COMMENT_LENGTH) {
    return `Comment must be at most ${MAX_SHIFT_COMMENT_LENGTH} characters after trimming; it has ${trimmed.length}`;
  }
  return undefined;
}

/**
 * Checks the comment (see {@link commentProblem}) and the practice-run
 * settings with the backend's own `parsePracticeRunSettings` (ARC's limits);
 * each problem goes under the field it names.
 */
export function validateFixForm(
  comment: string,
  practiceRuns: PracticeRunForm | undefined,
):
  | { ok: true; comment: string; practiceRuns?: PracticeRunSettings }
  | { ok: false; problems: FormProblems } {
  const problems: FormProblems = { fields: {}, other: [] };
  problems.comment = commentProblem(comment);
  let settings: PracticeRunSettings | undefined;
  if (practiceRuns) {
    const { outcomeAlarms, ...rest } = practiceRunInput(practiceRuns);
    // None typed reads "required", not "must hold 1 to 10 entries, got 0".
    const parsed = parsePracticeRunSettings(
      outcomeAlarms.length > 0 ? { outcomeAlarms, ...rest } : rest,
    );
    if ('problems' in parsed) {
      for (const problem of parsed.problems) {
        const field = PRACTICE_RUN_FIELDS.find(f => problem.includes(f));
        if (field) {
          problems.fields[field] = [...(problems.fields[field] ?? []), problem];
        } else {
          problems.other.push(problem);
        }
      }
    } else {
      settings = parsed.settings;
    }
  }
  if (!noProblems(problems)) return { ok: false, problems };
  return { ok: true, comment: comment.trim(), practiceRuns: settings };
}
