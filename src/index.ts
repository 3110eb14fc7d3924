// The package's public entry: what scenario files import.
export { defineScenario } from './scenario/types.ts';
export type * from './scenario/types.ts';
