// Pure: the keys the scenario schema allows at a path, read from the schema itself, for "unknown field" messages
// ("did you mean", and where a key of another variant belongs). No hand-kept list can go stale.
import type { z } from 'zod';

/** The parts of zod's internal definition this walks (zod 4 `_zod.def`). */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Unwraps optional, default, nullable and pipes to the schema that holds keys or elements. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    const def = defOf(s);
    if (def.innerType && ['optional', 'default', 'nullable', 'prefault', 'readonly', 'nonoptional', 'catch'].includes(def.type)) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else return s;
  }
}

/** The value of a union option's discriminator ("tcp" for protocol), as zod records it. */
function discriminatorValues(option: z.ZodType, discriminator: string): string[] {
  const values = (option as unknown as { _zod: { propValues?: Record<string, Set<unknown>> } })._zod.propValues?.[discriminator];
  return values ? [...values].map(String) : [];
}

/** A variant of a union that holds the key, described by the discriminators that select it. */
export interface Variant {
  /** e.g. [['protocol', 'udp']] or [['tool', 'iperf3'], ['protocol', 'udp']]. */
  selectors: [string, string][];
}

export interface KnownKeys {
  /** Keys allowed where the unknown key was found, in schema order. */
  keys: string[];
  /** Keys allowed in other variants of an enclosing union, with the variants that allow them. */
  elsewhere: Map<string, Variant[]>;
}

function objectKeys(schema: z.ZodType): string[] {
  const def = defOf(unwrap(schema));
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

type Selectors = [string, string][];

/** Each key allowed at `path` inside `schema`, across union options, with the selectors that lead to it. A key that
 *  every option of a union allows needs no selector of that union ("streams" is iperf3's, whatever the protocol). */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[], selectors: Selectors): Map<string, Selectors[]> {
  const s = unwrap(schema);
  const def = defOf(s);
  if (def.type === 'union' && def.options) {
    const perOption = def.options.map((o) => keysAt(o, path, def.discriminator ? [...selectors, [def.discriminator, discriminatorValues(o, def.discriminator).join('|')]] : selectors));
    const merged = new Map<string, Selectors[]>();
    for (const map of perOption) {
      for (const key of map.keys()) {
        if (merged.has(key)) continue;
        merged.set(key, perOption.every((m) => m.has(key)) ? [selectors] : perOption.flatMap((m) => m.get(key) ?? []));
      }
    }
    return merged;
  }
  if (path.length === 0) return new Map(def.type === 'object' ? objectKeys(s).map((k) => [k, [selectors]]) : []);
  const [head, ...rest] = path;
  if (def.type === 'array' && def.element && typeof head === 'number') return keysAt(def.element, rest, selectors);
  if (def.type === 'object' && def.shape && typeof head === 'string' && def.shape[head]) return keysAt(def.shape[head], rest, selectors);
  return new Map();
}

/** Follows `path` through `schema`, choosing union options by the input's discriminator values. */
function chosenAt(schema: z.ZodType, path: readonly PropertyKey[], input: unknown): { schema: z.ZodType; unions: { schema: z.ZodType; rest: readonly PropertyKey[]; chosen: z.ZodType }[] } | undefined {
  const unions: { schema: z.ZodType; rest: readonly PropertyKey[]; chosen: z.ZodType }[] = [];
  let s = schema;
  let value = input;
  let i = 0;
  for (;;) {
    s = unwrap(s);
    const def = defOf(s);
    if (def.type === 'union' && def.options && def.discriminator) {
      const wanted = value && typeof value === 'object' ? String((value as Record<string, unknown>)[def.discriminator]) : undefined;
      const chosen = def.options.find((o) => discriminatorValues(o, def.discriminator!).includes(wanted ?? '\u0000'));
      if (!chosen) return undefined;
      unions.push({ schema: s, rest: path.slice(i), chosen });
      s = chosen;
      continue;
    }
    if (i === path.length) return { schema: s, unions };
    const part = path[i++]!;
    if (def.type === 'array' && def.element) s = def.element;
    else if (def.type === 'object' && def.shape && typeof part === 'string' && def.shape[part]) s = def.shape[part];
    else return undefined;
    value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[part] : undefined;
  }
}

/** The keys the object at `path` may hold, given the whole input (which picks the union variants along the way). */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[], input: unknown): KnownKeys {
  const found = chosenAt(schema, path, input);
  if (!found) return { keys: [], elsewhere: new Map() };
  const keys = objectKeys(found.schema);
  const elsewhere = new Map<string, Variant[]>();
  // Innermost union first: "protocol is udp" before "tool is density".
  for (const union of [...found.unions].reverse()) {
    const def = defOf(union.schema);
    // A discriminator above the object is named with its object: "topology.kind" for a key under topology.names.
    const at = path.slice(0, path.length - union.rest.length);
    const name = union.rest.length && at.length ? `${String(at[at.length - 1])}.${def.discriminator!}` : def.discriminator!;
    for (const option of def.options ?? []) {
      if (option === union.chosen) continue;
      for (const [key, where] of keysAt(option, union.rest, [[name, discriminatorValues(option, def.discriminator!).join('|')]])) {
        if (!keys.includes(key)) elsewhere.set(key, [...(elsewhere.get(key) ?? []), ...where.map((selectors) => ({ selectors }))]);
      }
    }
  }
  return { keys, elsewhere };
}
