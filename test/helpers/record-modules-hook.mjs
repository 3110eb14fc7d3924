// Module hook of record-modules.mjs (runs on the hooks thread).
import { appendFileSync } from 'node:fs';

let out;
export function initialize(data) {
  out = data;
}
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (out && resolved.url.startsWith('file:')) appendFileSync(out, `${resolved.url}\n`);
  return resolved;
}
