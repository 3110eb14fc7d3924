// Seeded random variates for statistics tests: the same seed gives the same samples on every machine.
import { mulberry32 } from '../../src/stats/random.ts';

export function seededNormal(seed: number): () => number {
  const uniform = mulberry32(seed);
  return () => {
    // Box-Muller; 1 - u keeps the logarithm away from 0.
    const u = 1 - uniform();
    const v = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}
