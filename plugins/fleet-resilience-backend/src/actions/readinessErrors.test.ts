import { ForwardedError } from '@backstage/errors';
import { READINESS_AUDIT_ACTIONS } from '@fleet-resilience/plugin-fleet-resilience-common';
import { ArcZonalShiftError } from '@fleet-resilience/plugin-fleet-resilience-node';
import { UncertainArcError } from './arcErrors';
import { samePracticeRuns, practiceRunConfigurationOf } from './readinessCalls';
import { mapEksError, mapReadinessArcError } from './readinessErrors';

const arcError = (type: string, statusCode: number, reason?: string) =>
  new ArcZonalShiftError({
    type,
    statusCode,
    message: 'arn:aws:iam::111122223333:role/secret said no',
    reason,
  });

/** An EKS SDK exception as our EKS client wraps it. */
function eksError(name: string, statusCode: number, fault = 'client') {
  const cause = Object.assign(new Error('role/secret: no'), {
    name,
    $fault: fault,
    $metadata: { httpStatusCode: statusCode },
  });
  return new ForwardedError('EKS could not update', cause);
}

describe('readiness audit actions', () => {
  it('fit the audit table’s action column (32 characters)', () => {
    for (const action of READINESS_AUDIT_ACTIONS) {
      expect(action.length).toBeLessThanOrEqual(32);
    }
  });
});

describe('mapReadinessArcError', () => {
  it('answers a conflict 409 with ARC’s reason and what it means, never ARC’s text', () => {
    const error = mapReadinessArcError(
      new ForwardedError(
        'x',
        arcError('ConflictException', 409, 'PracticeConfigurationDoesNotExist'),
      ),
      'enable zonal autoshift',
      'arc-zonal-shift:UpdateZonalAutoshiftConfiguration',
    );
    expect(error.name).toBe('ConflictError');
    expect(error.message).toBe(
      'ARC refused to enable zonal autoshift: the cluster has no practice-run configuration: configure practice runs first (ConflictException, reason PracticeConfigurationDoesNotExist)',
    );
  });

  it('answers access denied 403 naming the IAM action', () => {
    const error = mapReadinessArcError(
      arcError('AccessDeniedException', 403),
      'configure practice runs',
      'arc-zonal-shift:CreatePracticeRunConfiguration',
    );
    expect(error.name).toBe('NotAllowedError');
    expect(error.message).toContain(
      'may not call arc-zonal-shift:CreatePracticeRunConfiguration',
    );
    expect(error.message).not.toContain('secret');
  });

  it('answers validation 400', () => {
    expect(
      mapReadinessArcError(
        arcError('ValidationException', 400, 'InvalidAlarmCondition'),
        'configure practice runs',
        'x',
      ).name,
    ).toBe('InputError');
  });
});

describe('mapEksError', () => {
  it.each([
    ['InvalidParameterException', 400, 'InputError'],
    ['ResourceInUseException', 409, 'ConflictError'],
    ['InvalidRequestException', 400, 'ConflictError'],
    ['ResourceNotFoundException', 404, 'NotFoundError'],
    ['AccessDeniedException', 403, 'NotAllowedError'],
    ['ThrottlingException', 429, 'ServiceUnavailableError'],
  ])('%s (HTTP %d) -> %s', (name, status, expected) => {
    const error = mapEksError(
      eksError(name, status),
      'turn on zonal shift for the cluster',
      'eks:UpdateClusterConfig',
    );
    expect(error.name).toBe(expected);
    expect(error.message).toContain(name);
    expect(error.message).not.toContain('secret');
  });

  it('a server fault leaves it unknown whether EKS applied it', () => {
    const error = mapEksError(
      eksError('InternalFailure', 500, 'server'),
      'turn on zonal shift for the cluster',
      'eks:UpdateClusterConfig',
    );
    expect(error).toBeInstanceOf(UncertainArcError);
  });
});

describe('samePracticeRuns', () => {
  const wanted = practiceRunConfigurationOf({
    outcomeAlarms: ['arn:a', 'arn:b'],
    blockedWindows: ['Mon:09:00-Mon:17:00'],
    blockedDates: [],
  });

  it('holds when ARC has the same alarms, windows and dates in any order', () => {
    expect(
      samePracticeRuns(
        {
          outcomeAlarms: [
            { type: 'CLOUDWATCH', alarmIdentifier: 'arn:b' },
            { type: 'CLOUDWATCH', alarmIdentifier: 'arn:a' },
          ],
          blockedWindows: ['Mon:09:00-Mon:17:00'],
        },
        wanted,
      ),
    ).toBe(true);
  });

  it('does not when anything differs or nothing is held', () => {
    expect(samePracticeRuns(undefined, wanted)).toBe(false);
    expect(
      samePracticeRuns(
        {
          outcomeAlarms: [
            { type: 'CLOUDWATCH', alarmIdentifier: 'arn:a' },
            { type: 'CLOUDWATCH', alarmIdentifier: 'arn:b' },
          ],
          blockedWindows: ['Mon:09:00-Mon:17:00'],
          blockedDates: ['2026-12-24'],
        },
        wanted,
      ),
    ).toBe(false);
  });
});
