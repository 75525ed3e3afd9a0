/**
 * Schema checks the API server runs on writes: the Karpenter v1 NodePool CRD's
 * OpenAPI schema and CEL rules (messages as the CRD words them), and a few
 * core-type field types the simulator depends on.
 */
import {
  isNumericOperator,
  isRequirementOperator,
  REQUIREMENT_OPERATORS,
} from '../model/requirements';
import type { KubeObject } from '../model/types';
import { invalidValue, requiredValue, type KubeStatusCause } from './errors';
import { isJsonObject } from '../json';
import type { KubeResourceInfo } from './resources';

const CONSOLIDATION_POLICIES = ['WhenEmpty', 'WhenEmptyOrUnderutilized'];
const BUDGET_REASONS = ['Underutilized', 'Empty', 'Drifted'];
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(\/))?([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const BUDGET_NODES = /^((100|[0-9]{1,2})%|[0-9]+)$/;
const DURATION = /^(([0-9]+(s|m|h))+|Never)$/;

function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'number' && Number.isInteger(value)
    ? 'integer'
    : typeof value;
}

function wrongType(
  field: string,
  value: unknown,
  expected: string,
): KubeStatusCause {
  return invalidValue(
    field,
    typeName(value),
    `${field} in body must be of type ${expected}: "${typeName(value)}"`,
  );
}

function unsupported(
  field: string,
  value: unknown,
  supported: readonly string[],
): KubeStatusCause {
  return {
    reason: 'FieldValueNotSupported',
    message: `Unsupported value: ${JSON.stringify(
      value,
    )}: supported values: ${supported.map(v => `"${v}"`).join(', ')}`,
    field,
  };
}

/** A CEL `x-kubernetes-validations` failure: Kubernetes reports the type, not the value. */
function ruleFailed(field: string, message: string): KubeStatusCause {
  return invalidValue(field, 'array', message);
}

function checkRequirements(
  field: string,
  requirements: unknown,
): KubeStatusCause[] {
  if (requirements === undefined) return [requiredValue(field)];
  if (!Array.isArray(requirements))
    return [wrongType(field, requirements, 'array')];
  const causes: KubeStatusCause[] = [];
  if (requirements.length > 100) {
    causes.push({
      reason: 'FieldValueTooMany',
      message: `Too many: ${requirements.length}: must have at most 100 items`,
      field,
    });
  }
  const shaped: Array<{
    operator: string;
    values: string[];
    minValues?: number;
  }> = [];
  requirements.forEach((requirement: unknown, index) => {
    const at = `${field}[${index}]`;
    if (!isJsonObject(requirement)) {
      causes.push(wrongType(at, requirement, 'object'));
      return;
    }
    const { key, operator, values, minValues } = requirement;
    if (key === undefined) causes.push(requiredValue(`${at}.key`));
    else if (typeof key !== 'string')
      causes.push(wrongType(`${at}.key`, key, 'string'));
    else if (key.length > 316 || !LABEL_KEY.test(key)) {
      causes.push(
        invalidValue(
          `${at}.key`,
          key,
          `${at}.key in body should match '${LABEL_KEY.source}'`,
        ),
      );
    }
    if (operator === undefined) causes.push(requiredValue(`${at}.operator`));
    else if (!isRequirementOperator(operator)) {
      causes.push(
        unsupported(`${at}.operator`, operator, REQUIREMENT_OPERATORS),
      );
    }
    const valueList = values ?? [];
    if (!Array.isArray(valueList))
      causes.push(wrongType(`${at}.values`, values, 'array'));
    else {
      valueList.forEach((value, valueIndex) => {
        if (typeof value !== 'string')
          causes.push(
            wrongType(`${at}.values[${valueIndex}]`, value, 'string'),
          );
      });
    }
    if (
      minValues !== undefined &&
      (typeof minValues !== 'number' ||
        !Number.isInteger(minValues) ||
        minValues < 1 ||
        minValues > 50)
    ) {
      causes.push(
        invalidValue(
          `${at}.minValues`,
          minValues,
          `${at}.minValues in body should be between 1 and 50`,
        ),
      );
    }
    if (typeof operator === 'string' && Array.isArray(valueList)) {
      shaped.push({
        operator,
        values: valueList.filter((v): v is string => typeof v === 'string'),
        minValues: typeof minValues === 'number' ? minValues : undefined,
      });
    }
  });
  if (causes.length > 0) return causes;
  // The CRD's CEL rules, in the CRD's order and words.
  if (shaped.some(r => r.operator === 'In' && r.values.length === 0)) {
    causes.push(
      ruleFailed(
        field,
        "requirements with operator 'In' must have a value defined",
      ),
    );
  }
  if (
    shaped.some(
      r =>
        isNumericOperator(r.operator) &&
        (r.values.length !== 1 || !/^\+?[0-9]+$/.test(r.values[0])),
    )
  ) {
    causes.push(
      ruleFailed(
        field,
        "requirements operator 'Gt', 'Lt', 'Gte', or 'Lte' must have a single positive integer value",
      ),
    );
  }
  if (
    shaped.some(
      r =>
        r.operator === 'In' &&
        r.minValues !== undefined &&
        r.values.length < r.minValues,
    )
  ) {
    causes.push(
      ruleFailed(
        field,
        "requirements with 'minValues' must have at least that many values specified in the 'values' field",
      ),
    );
  }
  // Not a CRD rule: Karpenter's own requirement validation (and core
  // NodeSelectorRequirement validation) refuse values on these operators.
  if (
    shaped.some(
      r =>
        (r.operator === 'Exists' || r.operator === 'DoesNotExist') &&
        r.values.length > 0,
    )
  ) {
    causes.push(
      ruleFailed(
        field,
        "requirements with operator 'Exists' or 'DoesNotExist' must not have values",
      ),
    );
  }
  return causes;
}

function checkNodeClassRef(field: string, ref: unknown): KubeStatusCause[] {
  if (ref === undefined) return [requiredValue(field)];
  if (!isJsonObject(ref)) return [wrongType(field, ref, 'object')];
  const causes: KubeStatusCause[] = [];
  for (const member of ['group', 'kind', 'name'] as const) {
    const value = ref[member];
    if (value === undefined) causes.push(requiredValue(`${field}.${member}`));
    else if (typeof value !== 'string' || value === '') {
      causes.push(
        invalidValue(
          `${field}.${member}`,
          value,
          `${field}.${member} in body should be at least 1 chars long`,
        ),
      );
    }
  }
  return causes;
}

function checkDisruption(
  field: string,
  disruption: unknown,
): KubeStatusCause[] {
  if (disruption === undefined) return [];
  if (!isJsonObject(disruption))
    return [wrongType(field, disruption, 'object')];
  const causes: KubeStatusCause[] = [];
  const { consolidationPolicy, consolidateAfter, budgets } = disruption;
  if (
    consolidationPolicy !== undefined &&
    (typeof consolidationPolicy !== 'string' ||
      !CONSOLIDATION_POLICIES.includes(consolidationPolicy))
  ) {
    causes.push(
      unsupported(
        `${field}.consolidationPolicy`,
        consolidationPolicy,
        CONSOLIDATION_POLICIES,
      ),
    );
  }
  if (
    consolidateAfter !== undefined &&
    (typeof consolidateAfter !== 'string' || !DURATION.test(consolidateAfter))
  ) {
    causes.push(
      invalidValue(
        `${field}.consolidateAfter`,
        consolidateAfter,
        `${field}.consolidateAfter in body should match '^(([0-9]+(s|m|h))+|Never)$'`,
      ),
    );
  }
  if (budgets === undefined) return causes;
  if (!Array.isArray(budgets))
    return [...causes, wrongType(`${field}.budgets`, budgets, 'array')];
  budgets.forEach((budget: unknown, index) => {
    const at = `${field}.budgets[${index}]`;
    if (!isJsonObject(budget)) {
      causes.push(wrongType(at, budget, 'object'));
      return;
    }
    if (budget.nodes === undefined) causes.push(requiredValue(`${at}.nodes`));
    else if (
      typeof budget.nodes !== 'string' ||
      !BUDGET_NODES.test(budget.nodes)
    ) {
      causes.push(
        invalidValue(
          `${at}.nodes`,
          budget.nodes,
          `${at}.nodes in body should match '${BUDGET_NODES.source}'`,
        ),
      );
    }
    const reasons = budget.reasons ?? [];
    if (!Array.isArray(reasons))
      causes.push(wrongType(`${at}.reasons`, reasons, 'array'));
    else {
      reasons.forEach((reason, reasonIndex) => {
        if (typeof reason !== 'string' || !BUDGET_REASONS.includes(reason)) {
          causes.push(
            unsupported(
              `${at}.reasons[${reasonIndex}]`,
              reason,
              BUDGET_REASONS,
            ),
          );
        }
      });
    }
  });
  if (
    causes.length === 0 &&
    budgets.some(
      b =>
        isJsonObject(b) &&
        (b.schedule === undefined) !== (b.duration === undefined),
    )
  ) {
    causes.push(
      ruleFailed(`${field}.budgets`, "'schedule' must be set with 'duration'"),
    );
  }
  return causes;
}

function validateNodePool(object: KubeObject): KubeStatusCause[] {
  const spec = object.spec;
  if (spec === undefined) return [requiredValue('spec')];
  if (!isJsonObject(spec)) return [wrongType('spec', spec, 'object')];
  const causes: KubeStatusCause[] = [];
  const { template, weight } = spec;
  if (
    weight !== undefined &&
    (typeof weight !== 'number' ||
      !Number.isInteger(weight) ||
      weight < 1 ||
      weight > 100)
  ) {
    causes.push(
      invalidValue(
        'spec.weight',
        weight,
        'spec.weight in body should be between 1 and 100',
      ),
    );
  }
  causes.push(...checkDisruption('spec.disruption', spec.disruption));
  if (template === undefined)
    return [...causes, requiredValue('spec.template')];
  if (!isJsonObject(template))
    return [...causes, wrongType('spec.template', template, 'object')];
  const templateSpec = template.spec;
  if (templateSpec === undefined)
    return [...causes, requiredValue('spec.template.spec')];
  if (!isJsonObject(templateSpec))
    return [...causes, wrongType('spec.template.spec', templateSpec, 'object')];
  return [
    ...causes,
    ...checkNodeClassRef(
      'spec.template.spec.nodeClassRef',
      templateSpec.nodeClassRef,
    ),
    ...checkRequirements(
      'spec.template.spec.requirements',
      templateSpec.requirements,
    ),
  ];
}

function validateNode(object: KubeObject): KubeStatusCause[] {
  const spec = object.spec;
  if (spec === undefined) return [];
  if (!isJsonObject(spec)) return [wrongType('spec', spec, 'object')];
  const { unschedulable } = spec;
  return unschedulable === undefined ||
    unschedulable === null ||
    typeof unschedulable === 'boolean'
    ? []
    : [wrongType('spec.unschedulable', unschedulable, 'boolean')];
}

/** Field errors for `object` as a `info.resource`; empty when it is valid. */
export function validateResource(
  info: KubeResourceInfo,
  object: KubeObject,
): KubeStatusCause[] {
  switch (info.resource) {
    case 'nodepools':
      return validateNodePool(object);
    case 'nodes':
      return validateNode(object);
    default:
      return [];
  }
}
