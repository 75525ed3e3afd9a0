/**
 * Validation of the readiness fix routes' bodies. Pure: each parser returns
 * a typed value or throws an InputError (400) naming the field. The `fix`
 * is read first (the audit action follows from it); the rest of a
 * single-cluster body is handed over unparsed (an ActionInput), checked
 * after the caller is authorized.
 */
import { InputError } from '@backstage/errors';
import {
  MAX_SHIFT_COMMENT_LENGTH,
  parsePracticeRunSettings,
  plainTextProblem,
  READINESS_FIXES,
  type ReadinessFix,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  FleetReadinessRequest,
  ReadinessRequest,
} from '../actions/ReadinessActions';
import type { ActionInput } from '../actions/shiftSteps';
import { givenFields, parseBody, parseFleetClusters } from './parseActionInput';

export const READINESS_FIX_FIELDS = ['fix', 'comment', 'practiceRuns'] as const;
export const FLEET_READINESS_FIX_FIELDS = [
  ...READINESS_FIX_FIELDS,
  'clusters',
  'dryRun',
] as const;

const isFix = (value: unknown): value is ReadinessFix =>
  typeof value === 'string' && READINESS_FIXES.includes(value as ReadinessFix);

/** The body's `fix`; a 400 naming the field otherwise. */
export function parseReadinessFix(body: unknown): ReadinessFix {
  const fix =
    body !== null && typeof body === 'object' && !Array.isArray(body)
      ? (body as Record<string, unknown>).fix
      : undefined;
  if (!isFix(fix)) {
    throw new InputError(
      `Invalid readiness fix: fix: ${
        fix === undefined ? 'is required' : 'is not a known fix'
      }; expected one of ${READINESS_FIXES.join(', ')}`,
    );
  }
  return fix;
}

/** The problems of a fix's comment and practice-run settings, each naming its field. */
function checkRest(
  fix: ReadinessFix,
  input: Record<string, unknown>,
  problems: string[],
): ReadinessRequest | undefined {
  const { comment, practiceRuns } = input;
  let text: string | undefined;
  if (typeof comment !== 'string' || comment.trim() === '') {
    problems.push(
      `comment: ${
        comment === undefined || comment === ''
          ? 'is required'
          : 'must be a string'
      } (say why, 1 to ${MAX_SHIFT_COMMENT_LENGTH} characters)`,
    );
  } else {
    text = comment.trim();
    const problem = plainTextProblem(text);
    if (problem) problems.push(`comment: ${problem}`);
    else if (text.length > MAX_SHIFT_COMMENT_LENGTH) {
      problems.push(
        `comment: must be at most ${MAX_SHIFT_COMMENT_LENGTH} characters after trimming; it has ${text.length}`,
      );
    }
  }
  if (fix !== 'configure-practice-runs') {
    if (practiceRuns !== undefined) {
      problems.push(
        `practiceRuns: is taken only with fix configure-practice-runs`,
      );
    }
    return problems.length === 0 ? { fix, comment: text! } : undefined;
  }
  if (practiceRuns === undefined) {
    problems.push(
      'practiceRuns: is required with fix configure-practice-runs (outcomeAlarms at least)',
    );
    return undefined;
  }
  const parsed = parsePracticeRunSettings(practiceRuns);
  if ('problems' in parsed) {
    problems.push(...parsed.problems);
    return undefined;
  }
  return problems.length === 0
    ? { fix, comment: text!, practiceRuns: parsed.settings }
    : undefined;
}

/** `POST /clusters/:clusterArn/readiness-fixes`: the rest of the body, checked later. */
export function readinessFixInput(
  body: unknown,
  fix: ReadinessFix,
): ActionInput<ReadinessRequest> {
  return {
    given: givenFields(body, READINESS_FIX_FIELDS),
    parse: () => {
      const problems: string[] = [];
      const request = checkRest(
        fix,
        parseBody(body, READINESS_FIX_FIELDS),
        problems,
      );
      if (!request) {
        throw new InputError(`Invalid readiness fix: ${problems.join('; ')}`);
      }
      return request;
    },
  };
}

/** `POST /fleet-readiness-fixes`: a dry run unless `dryRun` is false. */
export function parseFleetReadinessFixInput(
  body: unknown,
): FleetReadinessRequest {
  const input = parseBody(body, FLEET_READINESS_FIX_FIELDS);
  const fix = parseReadinessFix(input);
  const problems: string[] = [];
  const request = checkRest(fix, input, problems);
  if (input.dryRun !== undefined && typeof input.dryRun !== 'boolean') {
    problems.push('dryRun: must be true or false');
  }
  const clusterArns = parseFleetClusters(input.clusters, problems);
  if (problems.length > 0 || !request || !clusterArns) {
    throw new InputError(`Invalid fleet readiness fix: ${problems.join('; ')}`);
  }
  return { ...request, dryRun: input.dryRun !== false, clusterArns };
}
