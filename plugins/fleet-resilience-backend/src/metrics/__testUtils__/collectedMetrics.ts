/**
 * Metrics as an exporter would see them: the OpenTelemetry SDK's real
 * MeterProvider with a reader the test collects on demand. The MetricsService
 * is the provider's meter under the scope Backstage's metricsServiceFactory
 * gives this plugin (`backstage-plugin-fleet-resilience`): the service is
 * that meter, method for method.
 */
import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import {
  DataPointType,
  MeterProvider,
  MetricReader,
  type MetricData,
} from '@opentelemetry/sdk-metrics';

class CollectingReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

/** One series: its attributes, and its value (a histogram's count and sum). */
export interface CollectedPoint {
  attributes: Record<string, unknown>;
  value: number;
  /** Histograms only. */
  count?: number;
  sum?: number;
}

export interface CollectedMetric {
  name: string;
  unit: string;
  description: string;
  type: string;
  points: CollectedPoint[];
}

/** `histogram`, `counter` (a monotonic sum), `up-down-counter` or `gauge`. */
function kindOf(metric: MetricData): string {
  switch (metric.dataPointType) {
    case DataPointType.HISTOGRAM:
      return 'histogram';
    case DataPointType.SUM:
      return metric.isMonotonic ? 'counter' : 'up-down-counter';
    case DataPointType.GAUGE:
      return 'gauge';
    default:
      return 'other';
  }
}

function pointsOf(metric: MetricData): CollectedPoint[] {
  if (metric.dataPointType === DataPointType.HISTOGRAM) {
    return metric.dataPoints.map(point => ({
      attributes: { ...point.attributes },
      value: point.value.sum ?? 0,
      count: point.value.count,
      sum: point.value.sum ?? 0,
    }));
  }
  if (
    metric.dataPointType === DataPointType.SUM ||
    metric.dataPointType === DataPointType.GAUGE
  ) {
    return metric.dataPoints.map(point => ({
      attributes: { ...point.attributes },
      value: point.value,
    }));
  }
  throw new Error(`unexpected data point type of ${metric.descriptor.name}`);
}

export function collectedMetrics() {
  const reader = new CollectingReader();
  const provider = new MeterProvider({ readers: [reader] });
  const service: MetricsService = provider.getMeter(
    'backstage-plugin-fleet-resilience',
  );

  /** Collects now (observable gauges call back) and returns every metric. */
  async function collect(): Promise<Map<string, CollectedMetric>> {
    const { resourceMetrics, errors } = await reader.collect();
    if (errors.length > 0) {
      throw new Error(`collection failed: ${errors.join('; ')}`);
    }
    const found = new Map<string, CollectedMetric>();
    for (const scope of resourceMetrics.scopeMetrics) {
      expect(scope.scope.name).toBe('backstage-plugin-fleet-resilience');
      for (const metric of scope.metrics) {
        found.set(metric.descriptor.name, {
          name: metric.descriptor.name,
          unit: metric.descriptor.unit,
          description: metric.descriptor.description,
          type: kindOf(metric),
          points: pointsOf(metric),
        });
      }
    }
    return found;
  }

  /** The points of one metric (none when it recorded nothing). */
  async function points(name: string): Promise<CollectedPoint[]> {
    return (await collect()).get(name)?.points ?? [];
  }

  /** The point of `name` whose attributes are exactly `attributes`. */
  async function point(
    name: string,
    attributes: Record<string, unknown>,
  ): Promise<CollectedPoint | undefined> {
    const key = JSON.stringify(Object.entries(attributes).sort());
    return (await points(name)).find(
      p => JSON.stringify(Object.entries(p.attributes).sort()) === key,
    );
  }

  return {
    service,
    collect,
    points,
    point,
    shutdown: () => provider.shutdown(),
  };
}
