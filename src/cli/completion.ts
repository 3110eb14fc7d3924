// `vethbench completion bash|zsh`: a completion script generated from the program itself, so every command and
// flag is offered and none is kept by hand. Scenario arguments complete to .ts files and the shipped names.
import type { Command } from 'commander';
import { InputError } from '../errors.ts';
import { shippedScenarioNames } from './scenario-names.ts';

interface CommandWords { name: string; flags: string[]; takesScenario: boolean }

function words(program: Command): CommandWords[] {
  return program.commands.map((c) => ({
    name: c.name(),
    flags: [...c.options.flatMap((o) => [o.long, o.short].filter((f): f is string => f !== undefined)), '--help'],
    takesScenario: c.registeredArguments.some((a) => /scenario/.test(a.name())),
  }));
}

export function bashCompletion(program: Command): string {
  const commands = words(program);
  const cases = commands.map((c) => `    ${c.name}) flags='${c.flags.join(' ')}'; scenario=${c.takesScenario ? 1 : 0} ;;`).join('\n');
  return `# bash completion for vethbench; load with: eval "$(vethbench completion bash)"
_vethbench() {
  local cur=\${COMP_WORDS[COMP_CWORD]} command=\${COMP_WORDS[1]} flags='' scenario=0
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W '${commands.map((c) => c.name).join(' ')} --help --version' -- "$cur"))
    return
  fi
  case "$command" in
${cases}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  elif [ "$scenario" -eq 1 ]; then
    COMPREPLY=($(compgen -W '${shippedScenarioNames().join(' ')}' -- "$cur") $(compgen -f -X '!*.ts' -- "$cur") $(compgen -d -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _vethbench vethbench
`;
}

export function zshCompletion(program: Command): string {
  const commands = words(program);
  const described = program.commands.map((c) => `    '${c.name()}:${c.description().replace(/'/g, "'\\''").replace(/:/g, '\\:')}'`).join('\n');
  const cases = commands.map((c) => `    ${c.name}) _arguments ${c.flags.map((f) => `'${f}[]'`).join(' ')} ${c.takesScenario ? `'*:scenario:{_files -g "*.ts"; compadd ${shippedScenarioNames().join(' ')}}'` : "'*:file:_files'"} ;;`).join('\n');
  return `#compdef vethbench
# zsh completion for vethbench; save as _vethbench in a directory of $fpath, or: source <(vethbench completion zsh)
_vethbench() {
  local -a commands
  commands=(
${described}
  )
  if (( CURRENT == 2 )); then
    _describe 'vethbench command' commands
    return
  fi
  case "$words[2]" in
${cases}
  esac
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _vethbench "$@"; else compdef _vethbench vethbench; fi
`;
}

export function completionCommand(program: Command, shell: string): number {
  if (shell === 'bash') process.stdout.write(bashCompletion(program));
  else if (shell === 'zsh') process.stdout.write(zshCompletion(program));
  else throw new InputError(`vethbench completion: unknown shell ${JSON.stringify(shell)}; choose bash or zsh`);
  return 0;
}
