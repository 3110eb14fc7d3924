// Number formatting shared by the terminal outputs.

export function gbps(bitsPerSecond: number | undefined): string {
  return bitsPerSecond === undefined ? '–' : (bitsPerSecond / 1e9).toFixed(2);
}

export function fixed(value: number | undefined, digits = 1): string {
  return value === undefined ? '–' : value.toFixed(digits);
}

/** 95 → "1:35", 3725 → "1:02:05". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
