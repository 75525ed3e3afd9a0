/** Reads a cluster's Karpenter section and its NodePools (requirements, taints, disruption budgets). */
import { parseCron } from './cron';
import { INSTANCE_TYPE_NAMES } from './instanceTypes';
import {
  BUDGET_NODES,
  DNS_SUBDOMAIN,
  durationCheck,
  quantityCheck,
  SEMVER,
} from './parseChecks';
import {
  isNumericOperator,
  REQUIREMENT_OPERATORS,
  type NodeSelectorRequirement,
} from './requirements';
import type {
  DisruptionBudgetSpec,
  KarpenterSpec,
  NodePoolSpec,
  TaintSpec,
} from './spec';
import type { Reader } from './validate';
import {
  KARPENTER_NATIVE_ZONAL_SHIFT_VERSION,
  supportsNativeZonalShift,
} from './versions';

export function readKarpenter(
  r: Reader,
  value: unknown,
  path: string,
): KarpenterSpec | undefined {
  const fields = r.object(value, path, [
    'version',
    'nativeZonalShift',
    'namespace',
    'zonalShiftSetting',
  ]);
  if (!fields) return undefined;
  const version = r.string(fields, 'version', path, {
    required: true,
    pattern: SEMVER,
    hint: 'a Karpenter release such as 1.12.0',
  });
  const nativeZonalShift = r.boolean(fields, 'nativeZonalShift', path);
  if (nativeZonalShift && version && !supportsNativeZonalShift(version)) {
    r.fail(
      `${path}.nativeZonalShift`,
      `needs Karpenter ${KARPENTER_NATIVE_ZONAL_SHIFT_VERSION} or later, got ${version}`,
    );
  }
  const namespace = r.string(fields, 'namespace', path, {
    oneOf: ['kube-system', 'karpenter'],
  });
  const zonalShiftSetting = r.string(fields, 'zonalShiftSetting', path, {
    oneOf: ['env', 'arg'],
  });
  if (!version) return undefined;
  return {
    version,
    nativeZonalShift,
    namespace: namespace as KarpenterSpec['namespace'],
    zonalShiftSetting: zonalShiftSetting as KarpenterSpec['zonalShiftSetting'],
  };
}

function readRequirement(
  r: Reader,
  value: unknown,
  path: string,
): NodeSelectorRequirement | undefined {
  const fields = r.object(value, path, [
    'key',
    'operator',
    'values',
    'minValues',
  ]);
  if (!fields) return undefined;
  const key = r.string(fields, 'key', path, { required: true });
  const operator = r.string(fields, 'operator', path, {
    required: true,
    oneOf: REQUIREMENT_OPERATORS,
  }) as NodeSelectorRequirement['operator'] | undefined;
  const values = r.strings(fields, 'values', path);
  const minValues = r.number(fields, 'minValues', path, {
    integer: true,
    min: 1,
    max: 50,
  });
  const at = `${path}.values`;
  if ((operator === 'In' || operator === 'NotIn') && !values?.length) {
    r.fail(at, `an ${operator} requirement must keep at least one value`);
  }
  if (
    (operator === 'Exists' || operator === 'DoesNotExist') &&
    values?.length
  ) {
    r.fail(at, `must be empty for ${operator}`);
  }
  if (
    operator &&
    isNumericOperator(operator) &&
    (values?.length !== 1 || !/^-?\d+$/.test(values[0]))
  ) {
    r.fail(at, `${operator} takes exactly one integer value`);
  }
  if (!key || !operator) return undefined;
  return {
    key,
    operator,
    ...(values ? { values } : {}),
    ...(minValues ? { minValues } : {}),
  };
}

function readTaint(
  r: Reader,
  value: unknown,
  path: string,
): TaintSpec | undefined {
  const fields = r.object(value, path, ['key', 'value', 'effect']);
  if (!fields) return undefined;
  const key = r.string(fields, 'key', path, { required: true });
  const effect = r.string(fields, 'effect', path, {
    required: true,
    oneOf: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
  }) as TaintSpec['effect'] | undefined;
  const taintValue = r.string(fields, 'value', path);
  return key && effect
    ? { key, effect, ...(taintValue ? { value: taintValue } : {}) }
    : undefined;
}

function readBudget(
  r: Reader,
  value: unknown,
  path: string,
): DisruptionBudgetSpec | undefined {
  const fields = r.object(value, path, [
    'nodes',
    'schedule',
    'duration',
    'reasons',
  ]);
  if (!fields) return undefined;
  const nodes = r.string(fields, 'nodes', path, {
    required: true,
    pattern: BUDGET_NODES,
    hint: 'a node count ("2") or percentage ("10%")',
  });
  const schedule = r.string(fields, 'schedule', path, {
    check: text =>
      parseCron(text) ? undefined : `"${text}" is not a cron schedule`,
  });
  const duration = r.string(fields, 'duration', path, { check: durationCheck });
  if ((fields.schedule === undefined) !== (fields.duration === undefined)) {
    r.fail(path, 'schedule and duration must be set together');
  }
  const reasons = r.strings(fields, 'reasons', path);
  reasons?.forEach((reason, index) => {
    if (!['Drifted', 'Underutilized', 'Empty'].includes(reason)) {
      r.fail(
        `${path}.reasons[${index}]`,
        `must be one of Drifted, Underutilized, Empty, got "${reason}"`,
      );
    }
  });
  if (!nodes) return undefined;
  return {
    nodes,
    ...(schedule ? { schedule } : {}),
    ...(duration ? { duration } : {}),
    ...(reasons ? { reasons: reasons as DisruptionBudgetSpec['reasons'] } : {}),
  };
}

export function readNodePool(
  r: Reader,
  value: unknown,
  path: string,
): NodePoolSpec | undefined {
  const fields = r.object(value, path, [
    'name',
    'requirements',
    'instanceTypes',
    'limits',
    'disruption',
    'weight',
    'taints',
  ]);
  if (!fields) return undefined;
  const name = r.string(fields, 'name', path, {
    required: true,
    pattern: DNS_SUBDOMAIN,
    hint: 'a Kubernetes object name (lowercase letters, digits, - and .)',
  });
  const requirements = r.list(fields, 'requirements', path, (item, at) =>
    readRequirement(r, item, at),
  );
  const instanceTypes = r.strings(fields, 'instanceTypes', path);
  instanceTypes?.forEach((type, index) => {
    if (!INSTANCE_TYPE_NAMES.includes(type)) {
      r.fail(
        `${path}.instanceTypes[${index}]`,
        `unknown instance type "${type}" (known: ${INSTANCE_TYPE_NAMES.join(
          ', ',
        )})`,
      );
    }
  });
  let limits: NodePoolSpec['limits'];
  if (fields.limits !== undefined) {
    const limitFields = r.object(fields.limits, `${path}.limits`, [
      'cpu',
      'memory',
    ]);
    if (limitFields) {
      limits = {
        cpu: r.string(limitFields, 'cpu', `${path}.limits`, {
          check: quantityCheck,
        }),
        memory: r.string(limitFields, 'memory', `${path}.limits`, {
          check: quantityCheck,
        }),
      };
    }
  }
  let disruption: NodePoolSpec['disruption'];
  if (fields.disruption !== undefined) {
    const at = `${path}.disruption`;
    const disruptionFields = r.object(fields.disruption, at, [
      'consolidationPolicy',
      'consolidateAfter',
      'budgets',
    ]);
    if (disruptionFields) {
      disruption = {
        consolidationPolicy: r.string(
          disruptionFields,
          'consolidationPolicy',
          at,
          {
            oneOf: ['WhenEmptyOrUnderutilized', 'WhenEmpty'],
          },
        ) as 'WhenEmptyOrUnderutilized' | 'WhenEmpty' | undefined,
        consolidateAfter: r.string(disruptionFields, 'consolidateAfter', at, {
          check: text => (text === 'Never' ? undefined : durationCheck(text)),
        }),
        budgets: r.list(disruptionFields, 'budgets', at, (item, itemPath) =>
          readBudget(r, item, itemPath),
        ),
      };
    }
  }
  const weight = r.number(fields, 'weight', path, {
    integer: true,
    min: 1,
    max: 100,
  });
  const taints = r.list(fields, 'taints', path, (item, at) =>
    readTaint(r, item, at),
  );
  if (!name) return undefined;
  return {
    name,
    requirements,
    instanceTypes,
    limits,
    disruption,
    weight,
    taints,
  };
}
