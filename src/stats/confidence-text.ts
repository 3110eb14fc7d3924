// How a confidence level reads, everywhere (terminal, pages, reasons stored in results): 0.95 → "95%",
// 0.985 → "98.5%", 0.99917 → "99.9%". It lives with the statistics because their reasons name levels too.

/** Three significant digits, more when rounding would claim 100% for a level below 1: 0.9995 → "99.95%". */
export function confidenceText(confidence: number): string {
  const percent = confidence * 100;
  for (let digits = 3; digits <= 8; digits++) {
    const shown = Number(percent.toPrecision(digits));
    if (shown < 100 || confidence >= 1) return `${shown}%`;
  }
  return `${percent}%`;
}
