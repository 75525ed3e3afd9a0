import { isRecord, type JsonRecord } from '../util/json';

/** Karpenter's own ARC zonal shift support starts with this release. */
export const KARPENTER_NATIVE_ZONAL_SHIFT_SINCE = '1.12.0';
export const KARPENTER_LABEL_SELECTOR = 'app.kubernetes.io/name=karpenter';
/** `settings.enableZonalShift` of the Helm chart, rendered as this environment variable. */
const ZONAL_SHIFT_ENV = 'ENABLE_ZONAL_SHIFT';
const ZONAL_SHIFT_FLAG = /^--?enable-zonal-shift(?:=(.*))?$/;
const VERSION = /^v?(\d+)\.(\d+)\.(\d+)/;

export interface KarpenterInstallation {
  version?: string;
  nativeZonalShift: boolean;
}

/** Go's strconv.ParseBool, which Karpenter's flags and env settings use. */
function goBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map(v =>
    (VERSION.exec(v) ?? []).slice(1, 4).map(Number),
  );
  for (let i = 0; i < 3; i++)
    if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function containersOf(deployment: JsonRecord): JsonRecord[] {
  const spec = isRecord(deployment.spec) ? deployment.spec : {};
  const template = isRecord(spec.template) ? spec.template : {};
  const podSpec = isRecord(template.spec) ? template.spec : {};
  return list(podSpec.containers).filter(isRecord);
}

function isController(container: JsonRecord): boolean {
  return (
    container.name === 'controller' ||
    (typeof container.image === 'string' &&
      /\/karpenter\/controller[:@]/.test(container.image))
  );
}

/** `1.12.0` from `app.kubernetes.io/version` or the controller image tag. */
function versionOf(
  deployment: JsonRecord,
  controller: JsonRecord | undefined,
): string | undefined {
  const metadata = isRecord(deployment.metadata) ? deployment.metadata : {};
  const labels = isRecord(metadata.labels) ? metadata.labels : {};
  const candidates = [
    labels['app.kubernetes.io/version'],
    typeof controller?.image === 'string'
      ? /:([^:@/]+)(?:@|$)/.exec(controller.image)?.[1]
      : undefined,
  ];
  for (const candidate of candidates) {
    const match =
      typeof candidate === 'string' ? VERSION.exec(candidate) : null;
    if (match) return `${match[1]}.${match[2]}.${match[3]}`;
  }
  return undefined;
}

/** The flag wins over the environment, as in Karpenter; unset is off. */
function zonalShiftSetting(controller: JsonRecord | undefined): boolean {
  if (!controller) return false;
  const args = [...list(controller.command), ...list(controller.args)].filter(
    (arg): arg is string => typeof arg === 'string',
  );
  for (const arg of args.reverse()) {
    const match = ZONAL_SHIFT_FLAG.exec(arg);
    if (match) return match[1] === undefined ? true : goBool(match[1]) ?? false;
  }
  const env = list(controller.env)
    .filter(isRecord)
    .find(variable => variable.name === ZONAL_SHIFT_ENV);
  return typeof env?.value === 'string' ? goBool(env.value) ?? false : false;
}

/**
 * What the Karpenter Deployments (found by `app.kubernetes.io/name=karpenter`)
 * say: the controller's version, and whether Karpenter itself reacts to ARC
 * zonal shifts (1.12+ with `--enable-zonal-shift` or `ENABLE_ZONAL_SHIFT`).
 * Undefined when there is no Karpenter Deployment.
 */
export function karpenterInstallationFrom(
  deployments: readonly unknown[],
): KarpenterInstallation | undefined {
  const candidates = deployments.filter(isRecord);
  const deployment =
    candidates.find(candidate => containersOf(candidate).some(isController)) ??
    candidates[0];
  if (!deployment) return undefined;
  const containers = containersOf(deployment);
  const controller = containers.find(isController) ?? containers[0];
  const version = versionOf(deployment, controller);
  const supported =
    version === undefined ||
    compareVersions(version, KARPENTER_NATIVE_ZONAL_SHIFT_SINCE) >= 0;
  return {
    ...(version !== undefined ? { version } : {}),
    nativeZonalShift: supported && zonalShiftSetting(controller),
  };
}
