// Pure: a list schema whose every value stands for one point (a matrix axis, density pair counts, setup-cost modes):
// a repeated value is a typo (['on', 'on'] meant ['on', 'off']), refused like a repeated link.
import { z } from 'zod';

export function distinctValues<T extends z.ZodType>(element: T) {
  return z.array(element).min(1).superRefine((values, ctx) => {
    values.forEach((value, i) => {
      const first = values.findIndex((v) => v === value);
      if (first < i) {
        ctx.addIssue({ code: 'custom', path: [i], params: { namesValue: true }, message: `${JSON.stringify(value)} is listed twice (also at [${first}]); each value is one point, so list distinct values` });
      }
    });
  });
}
