// How output meets the terminal: colour by the NO_COLOR / FORCE_COLOR conventions, and the width tables and help
// wrap to (the terminal's columns, $COLUMNS, else 120 — the width when output goes to a file or a pipe).
// The renderers stay pure: callers pass them `useColor(...)` and `terminalWidth(...)`.

interface Stream { isTTY?: boolean; columns?: number }

export const PIPE_WIDTH = 120;

/** no-color.org: any non-empty NO_COLOR turns colour off; FORCE_COLOR (not "0"/"false") turns it on; else a TTY decides. */
export function useColor(stream: Stream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return !['0', 'false'].includes(env.FORCE_COLOR);
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export function terminalWidth(stream: Stream = process.stdout, env: NodeJS.ProcessEnv = process.env): number {
  if (stream.isTTY && stream.columns && stream.columns > 0) return stream.columns;
  const columns = Number(env.COLUMNS);
  if (Number.isInteger(columns) && columns >= 40) return columns;
  return PIPE_WIDTH;
}
