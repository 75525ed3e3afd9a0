/** GetManagedResource, ListManagedResources, ListAutoshifts and UpdateZonalAutoshiftConfiguration. */
import { conflictError } from './errors';
import {
  listOutput,
  listPage,
  managedResource,
  type Operation,
} from './operationContext';
import {
  decodeResourceLabel,
  parseEnum,
  parseJsonBody,
  requiredString,
} from './validation';
import {
  arcJson,
  autoshiftSummaryJson,
  managedResourceJson,
  managedResourceSummaryJson,
} from './wire';

const AUTOSHIFT_STATUSES = ['ACTIVE', 'COMPLETED'] as const;
const AUTOSHIFT_CONFIG_STATUSES = ['ENABLED', 'DISABLED'] as const;

export const getManagedResource: Operation = context => {
  const resource = managedResource(
    context,
    decodeResourceLabel(context.label ?? ''),
  );
  return arcJson.output(managedResourceJson(context.state, resource));
};

export const listManagedResources: Operation = context => {
  const { state } = context;
  const page = listPage(
    context,
    'ListManagedResources',
    state.registeredIn(context.scope),
    resource => resource.arn,
    () => true,
  );
  return listOutput(page, resource =>
    managedResourceSummaryJson(state, resource),
  );
};

/**
 * AWS lists only ACTIVE autoshifts unless asked for another status; an
 * account lists the autoshifts that shifted its resources.
 */
export const listAutoshifts: Operation = context => {
  const { query, state } = context;
  const status =
    parseEnum(query.get('status'), AUTOSHIFT_STATUSES, 'status') ?? 'ACTIVE';
  const page = listPage(
    context,
    'ListAutoshifts',
    state.allAutoshifts(),
    autoshift => String(autoshift.seq),
    autoshift =>
      autoshift.status === status &&
      [...autoshift.accountIds].some(accountId =>
        context.scope.holds({ accountId, region: autoshift.region }),
      ),
  );
  return listOutput(page, autoshiftSummaryJson);
};

/** Enabling needs a practice run configuration (ConflictException otherwise). */
export const updateZonalAutoshiftConfiguration: Operation = context => {
  const arn = decodeResourceLabel(context.label ?? '');
  const body = parseJsonBody(context.body);
  const status = parseEnum(
    requiredString(body, 'zonalAutoshiftStatus'),
    AUTOSHIFT_CONFIG_STATUSES,
    'zonalAutoshiftStatus',
  )!;
  managedResource(context, arn);
  const config = context.state.config(arn);
  if (status === 'ENABLED' && !config.practiceRunConfiguration) {
    throw conflictError(
      'PracticeConfigurationDoesNotExist',
      `Create a practice run configuration for ${arn} before enabling zonal autoshift`,
    );
  }
  context.state.setConfig(arn, { ...config, zonalAutoshiftStatus: status });
  if (status === 'DISABLED') context.state.leaveAutoshifts(arn);
  return arcJson.output({
    resourceIdentifier: arn,
    zonalAutoshiftStatus: status,
  });
};
