/**
 * The practice-run settings' check. Until the common package's
 * `parsePracticeRunSettings` lands, only what the form itself guarantees is
 * checked here (an outcome alarm is required); the backend checks the rest.
 */
import type { PracticeRunSettings } from '@fleet-resilience/plugin-fleet-resilience-common';

export function parseSettings(
  value: PracticeRunSettings,
): { settings: PracticeRunSettings } | { problems: string[] } {
  if (value.outcomeAlarms.length === 0) {
    return {
      problems: ['outcomeAlarms: give at least one CloudWatch alarm ARN'],
    };
  }
  return { settings: value };
}
