// A metric the tool did not report is absent, not undefined: parsers build their figures with optional values and
// pass them through present(), which drops the undefined ones (exactOptionalPropertyTypes holds them to it).
export type Present<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

export function present<T extends object>(figures: T): Present<T> {
  return Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined)) as Present<T>;
}
