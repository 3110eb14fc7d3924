// `node --import test/helpers/record-modules.mjs …`: appends the URL of every file module the process resolves to
// the file $VETHBENCH_RECORD_MODULES (the start-up test checks what `vethbench --help` loads).
import { register } from 'node:module';

register(new URL('./record-modules-hook.mjs', import.meta.url), { data: process.env.VETHBENCH_RECORD_MODULES });
