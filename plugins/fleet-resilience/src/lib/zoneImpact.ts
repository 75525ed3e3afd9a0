/**
 * What losing one AZ means, in words a developer understands. (What a shift
 * does, NodePools included, the backend computes: common `assessShiftImpact`.)
 */
import type {
  ResourceAfterZoneLoss,
  SurvivabilityAssessment,
  ZoneLossOutcome,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { formatPercent, zoneLabel } from './format';

function coverageOf(label: string, resource: ResourceAfterZoneLoss) {
  return resource.coverage === undefined
    ? undefined
    : `${formatPercent(resource.coverage)} of the ${label}`;
}

/**
 * "Losing us-east-1b (use1-az2) leaves 82% of the CPU and 140% of the memory
 * your pods request: not enough CPU."
 */
export function zoneLossSentence(outcome: ZoneLossOutcome): string {
  const parts = [
    coverageOf('CPU', outcome.cpu),
    coverageOf('memory', outcome.memory),
  ].filter((p): p is string => p !== undefined);
  const lead = `Losing ${zoneLabel(outcome.zone)}`;
  if (parts.length === 0) {
    return `${lead} leaves nothing to reschedule: your pods request no CPU or memory.`;
  }
  const short = [
    outcome.cpu.sufficient ? undefined : 'CPU',
    outcome.memory.sufficient ? undefined : 'memory',
  ].filter((p): p is string => p !== undefined);
  const verdict =
    short.length === 0
      ? 'enough to run everything.'
      : `not enough ${short.join(' or ')}.`;
  return `${lead} leaves ${parts.join(' and ')} your pods request: ${verdict}`;
}

/** The outcome of losing the AZ with this ID, if the assessment has it. */
export function zoneLossFor(
  assessment: SurvivabilityAssessment | undefined,
  zoneId: string,
): ZoneLossOutcome | undefined {
  return assessment?.zoneLosses.find(outcome => outcome.zone.id === zoneId);
}
