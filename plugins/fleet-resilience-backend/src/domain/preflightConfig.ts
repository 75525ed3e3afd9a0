/**
 * Preflight, AWS Config: does the aggregator answer, and does Config record
 * the EKS clusters and subnets of each account and region the inventory
 * reads (through the aggregator, or each account's own recorder)? Pure.
 */
import type {
  PreflightCheck,
  PreflightScope,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  awsCallFix,
  EKS_CLUSTER_TYPE,
  failed,
  SUBNET_TYPE,
  type RoleInAccount,
} from './preflightChecks';
import type { ProbeOutcome } from './preflightFailures';

/** The aggregator answers a query (SelectAggregateResourceConfig). */
export function aggregatorCheck(input: {
  aggregator: { accountId: string; region: string; name: string };
  who: RoleInAccount;
  outcome: ProbeOutcome<unknown>;
}): PreflightCheck {
  const { aggregator, who, outcome } = input;
  const base = {
    id: 'config.aggregator',
    title: `AWS Config aggregator ${aggregator.name} answers`,
    scope: {
      accountId: aggregator.accountId,
      region: aggregator.region,
      role: 'reader',
    } as PreflightScope,
  };
  if (outcome.ok) {
    return {
      ...base,
      status: 'pass',
      detail: `SelectAggregateResourceConfig on ${aggregator.name} answered`,
    };
  }
  const fix =
    outcome.error.name === 'NoSuchConfigurationAggregatorException'
      ? `Create the AWS Config aggregator ${aggregator.name} in account ${aggregator.accountId} in region ${aggregator.region}, or set fleetResilience.inventory.awsConfig.aggregator to an existing one`
      : awsCallFix({
          who,
          error: outcome.error,
          action: 'config:SelectAggregateResourceConfig',
          service: `AWS Config in ${aggregator.region}`,
        });
  return failed(base, outcome.error, fix);
}

function typesWords(types: readonly string[]): string {
  return types.join(' and ');
}

/** Through the aggregator: does it hold EKS clusters and subnets of one source account and region? */
export function aggregatorSourceCheck(input: {
  aggregator: { accountId: string; region: string; name: string };
  accountId: string;
  region: string;
  who: RoleInAccount;
  clusters: ProbeOutcome<boolean>;
  subnets: ProbeOutcome<boolean>;
  /** Clusters the inventory store knows there (0 without a store). */
  knownClusters: number;
}): PreflightCheck {
  const { aggregator, accountId, region } = input;
  const base = {
    id: 'config.records',
    title: 'AWS Config records EKS clusters and subnets',
    scope: { accountId, region, role: 'reader' } as PreflightScope,
  };
  for (const outcome of [input.clusters, input.subnets]) {
    if (!outcome.ok) {
      return failed(
        base,
        outcome.error,
        awsCallFix({
          who: input.who,
          error: outcome.error,
          action: 'config:SelectAggregateResourceConfig',
          service: `AWS Config in ${aggregator.region}`,
        }),
      );
    }
  }
  const hasClusters = input.clusters.ok && input.clusters.value;
  const hasSubnets = input.subnets.ok && input.subnets.value;
  const where = `account ${accountId} in region ${region}`;
  if (!hasClusters && !hasSubnets) {
    return {
      ...base,
      status: 'fail',
      detail: `The aggregator ${aggregator.name} has no ${EKS_CLUSTER_TYPE} and no ${SUBNET_TYPE} from ${where}`,
      fix: `Add account ${accountId} and region ${region} to the sources of the aggregator ${
        aggregator.name
      } (account ${aggregator.accountId}, region ${
        aggregator.region
      }; authorize it in account ${accountId} unless it is an organization aggregator), and record ${typesWords(
        [EKS_CLUSTER_TYPE, SUBNET_TYPE],
      )} in the AWS Config recorder of ${where}`,
    };
  }
  const missing = [
    ...(!hasClusters && input.knownClusters > 0 ? [EKS_CLUSTER_TYPE] : []),
    ...(!hasSubnets ? [SUBNET_TYPE] : []),
  ];
  if (missing.length > 0) {
    return {
      ...base,
      status: 'fail',
      detail: `The aggregator ${aggregator.name} has no ${typesWords(
        missing,
      )} from ${where}${
        !hasClusters
          ? ` (the inventory knows ${input.knownClusters} cluster(s) there)`
          : ''
      }`,
      fix: `Record ${typesWords(
        missing,
      )} in the AWS Config recorder of ${where}`,
    };
  }
  return {
    ...base,
    status: 'pass',
    detail: hasClusters
      ? `The aggregator ${aggregator.name} has EKS clusters and subnets from ${where}`
      : `The aggregator ${aggregator.name} has subnets from ${where} (no EKS cluster there)`,
  };
}

/** One Config recorder as DescribeConfigurationRecorders and ...Status report it. */
export interface RecorderObservation {
  name: string;
  /** From DescribeConfigurationRecorderStatus; undefined when not reported. */
  recording?: boolean;
  allSupported: boolean;
  /** INCLUSION_BY_RESOURCE_TYPES: the types recorded. */
  resourceTypes: string[];
  /** EXCLUSION_BY_RESOURCE_TYPES: the types not recorded. */
  excludedResourceTypes: string[];
}

/** Which of the types the inventory needs the recorder leaves out. */
export function unrecordedTypes(recorder: RecorderObservation): string[] {
  return [EKS_CLUSTER_TYPE, SUBNET_TYPE].filter(type =>
    recorder.excludedResourceTypes.includes(type)
      ? true
      : !recorder.allSupported && !recorder.resourceTypes.includes(type),
  );
}

/** Direct Config (accounts mode): the account's recorder in one region records what the inventory needs. */
export function recorderCheck(input: {
  accountId: string;
  region: string;
  who: RoleInAccount;
  recorders: ProbeOutcome<RecorderObservation[]>;
  /** SelectResourceConfig, which the inventory runs. */
  query: ProbeOutcome<unknown>;
}): PreflightCheck {
  const { accountId, region, who } = input;
  const where = `account ${accountId} in region ${region}`;
  const base = {
    id: 'config.recorder',
    title: 'AWS Config records EKS clusters and subnets',
    scope: { accountId, region, role: 'reader' } as PreflightScope,
  };
  const service = `AWS Config in ${region}`;
  if (!input.query.ok) {
    return failed(
      base,
      input.query.error,
      awsCallFix({
        who,
        error: input.query.error,
        action: 'config:SelectResourceConfig',
        service,
      }),
    );
  }
  if (!input.recorders.ok) {
    return failed(
      base,
      input.recorders.error,
      awsCallFix({
        who,
        error: input.recorders.error,
        action: 'config:DescribeConfigurationRecorders',
        service,
      }),
    );
  }
  const recorders = input.recorders.value;
  if (recorders.length === 0) {
    return {
      ...base,
      status: 'fail',
      detail: `No AWS Config recorder in ${where}`,
      fix: `Set up the AWS Config recorder of ${where}, recording ${typesWords([
        EKS_CLUSTER_TYPE,
        SUBNET_TYPE,
      ])}`,
    };
  }
  const recorder = recorders[0];
  const missing = unrecordedTypes(recorder);
  if (missing.length > 0) {
    return {
      ...base,
      status: 'fail',
      detail: `The AWS Config recorder ${
        recorder.name
      } of ${where} does not record ${typesWords(missing)}`,
      fix: `Record ${typesWords(
        missing,
      )} in the AWS Config recorder of ${where}`,
    };
  }
  if (recorder.recording === false) {
    return {
      ...base,
      status: 'fail',
      detail: `The AWS Config recorder ${recorder.name} of ${where} is stopped`,
      fix: `Start the AWS Config recorder ${recorder.name} of ${where} (StartConfigurationRecorder)`,
    };
  }
  return {
    ...base,
    status: 'pass',
    detail: `The AWS Config recorder ${
      recorder.name
    } of ${where} records ${typesWords([EKS_CLUSTER_TYPE, SUBNET_TYPE])}${
      recorder.recording === undefined ? '' : ' and is recording'
    }`,
  };
}
