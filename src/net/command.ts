// A host command as data: what plan prints and what the runner executes.
export interface HostCommand {
  argv: string[];
  stdin?: string;
  netns?: string;
}

/** One line a person could paste into a root shell to do the same. */
export function describeCommand(command: HostCommand): string {
  const argv = command.netns ? ['ip', 'netns', 'exec', command.netns, ...command.argv] : command.argv;
  const quoted = argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
  return command.stdin === undefined ? quoted : `${quoted} <<'EOF'\n${command.stdin}EOF`;
}
