// A metric's summary over a point's samples (src/stats/summary.ts computes it; results.json stores it): the schema
// is the one source of its shape.
import { z } from 'zod';

export const metricSummarySchema = z.object({
  n: z.int().min(0),
  median: z.number(),
  mean: z.number(),
  /** Sample standard deviation (n-1); 0 when n = 1. */
  stddev: z.number(),
  min: z.number(),
  max: z.number(),
  /** Coefficient of variation: stddev / mean (0 when the mean is 0). */
  cv: z.number(),
  /** Confidence interval of the median from order statistics, and its exact confidence (0.75 for n = 3). */
  ciLow: z.number(),
  ciHigh: z.number(),
  ciConfidence: z.number(),
  /** Repetition numbers flagged by the modified Z-score (|M| > 3.5); still counted. */
  outliers: z.array(z.number()),
});

export type MetricSummary = z.infer<typeof metricSummarySchema>;
