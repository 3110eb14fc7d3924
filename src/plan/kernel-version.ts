// Pure: "6.18.44-fc-v1045" → [6, 18], and comparisons, for warnings that change with the kernel.
export function kernelVersion(release: string | undefined): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)/.exec(release ?? '');
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** undefined when the release is unknown (plan then states both behaviours). */
export function kernelAtLeast(release: string | undefined, major: number, minor: number): boolean | undefined {
  const v = kernelVersion(release);
  if (!v) return undefined;
  return v[0] > major || (v[0] === major && v[1] >= minor);
}
