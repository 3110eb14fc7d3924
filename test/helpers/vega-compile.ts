// Compiles a vega-lite spec with a logger that collects what vega-lite would warn about, so tests can require none.
import { compile } from 'vega-lite';

export function compileWarnings(spec: object): string[] {
  const said: string[] = [];
  const logger = {
    level() { return this; },
    info() { return this; },
    debug() { return this; },
    warn(...args: unknown[]) { said.push(args.join(' ')); return this; },
    error(...args: unknown[]) { said.push(`error: ${args.join(' ')}`); return this; },
  };
  compile(spec as never, { logger: logger as never });
  return said;
}
