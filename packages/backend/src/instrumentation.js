// OpenTelemetry metrics in Prometheus format, the way Backstage's
// observability docs set them up: this file is loaded before the backend
// (`node --require ./instrumentation.js packages/backend`; `npm start` does
// it for the demo), installs the global meter provider that Backstage's
// metrics service creates its meters from, and serves them at
// http://<host>:9464/metrics. FLEET_METRICS_PORT changes the port; 0 turns
// the exporter off. Plain JavaScript: it runs before any transpiler.
const { metrics } = require('@opentelemetry/api');
const { MeterProvider } = require('@opentelemetry/sdk-metrics');
const { PrometheusExporter } = require('@opentelemetry/exporter-prometheus');
const { isMainThread } = require('node:worker_threads');

const port = Number(process.env.FLEET_METRICS_PORT ?? 9464);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  throw new Error(
    `FLEET_METRICS_PORT must be a port number (0 turns metrics off), got '${process.env.FLEET_METRICS_PORT}'`,
  );
}
// Node also runs preloaded files in the thread of module customization
// hooks (`backstage-cli package start` registers some); the backend runs on
// the main thread, so only there may the exporter take the port.
if (port > 0 && isMainThread) {
  // A port in use is reported (OpenTelemetry's diag log), never fatal.
  const exporter = new PrometheusExporter({ port });
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [exporter] }));
}
