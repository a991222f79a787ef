import { SpanStatusCode } from '@opentelemetry/api';
import { DataPointType, MeterProvider, MetricReader, type HistogramMetricData } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { createGuardTelemetry, type GuardTelemetryOptions } from '../../src/telemetry/index.js';

/** A metric reader the test collects from on demand. */
class TestReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

/** A histogram's points, by attributes. */
export interface Point {
  attributes: Record<string, unknown>;
  count: number;
  sum: number;
  boundaries: number[];
}

/** Guard telemetry wired to an in-memory span exporter and an on-demand metric reader (no global state). */
export function otel(options: Omit<GuardTelemetryOptions, 'tracerProvider' | 'meterProvider'> = {}) {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const reader = new TestReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  const telemetry = createGuardTelemetry({ ...options, tracerProvider, meterProvider });
  return {
    telemetry,
    spans: (): ReadableSpan[] => exporter.getFinishedSpans(),
    /** Points of one histogram, with its unit. */
    async histogram(name: string): Promise<{ unit: string; points: Point[] }> {
      const { resourceMetrics } = await reader.collect();
      for (const scope of resourceMetrics.scopeMetrics) {
        for (const metric of scope.metrics) {
          if (metric.descriptor.name !== name) continue;
          if (metric.dataPointType !== DataPointType.HISTOGRAM) throw new Error(`${name} is not a histogram`);
          const points = (metric as HistogramMetricData).dataPoints.map((p) => ({
            attributes: { ...p.attributes },
            count: p.value.count,
            sum: p.value.sum ?? 0,
            boundaries: p.value.buckets.boundaries,
          }));
          return { unit: metric.descriptor.unit, points };
        }
      }
      return { unit: '', points: [] };
    },
    async shutdown() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}

export const UNSET = SpanStatusCode.UNSET;
export const ERROR = SpanStatusCode.ERROR;

/** Every attribute value of a span, flattened to strings (to check nothing personal is there). */
export function attributeText(span: ReadableSpan): string {
  return Object.values(span.attributes)
    .map((v) => (Array.isArray(v) ? v.join(' ') : String(v)))
    .join(' ');
}

/** Waits until `ready()` or about 2 s. */
export async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ready(); i++) await new Promise((r) => setTimeout(r, 10));
}
