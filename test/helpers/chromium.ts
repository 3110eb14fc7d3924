// Debian's chromium driven by playwright-core (never a downloaded browser): opens a report from file:// and
// tells what rendered, what the console said and which requests the page made.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** The reason browser tests are skipped, or false when they can run. */
export const needsChromium: string | false = existsSync(CHROMIUM) ? false : `needs ${CHROMIUM} (apt-get install -y chromium; .ci/run installs it)`;

export interface OpenedReport {
  /** What the page recorded on <html data-charts-*> once every chart was embedded. */
  chartsRendered: number;
  chartsFailed: number;
  /** ms from navigation start until every chart was drawn, measured by the page. */
  renderMs: number;
  /** CPU time of the page's main thread until then (chromium's ThreadTime): the figure a busy machine inflates least. */
  mainThreadCpuMs: number;
  /**
   * Each chart container with the size of its canvas and how many of its pixels are in colour: marks are
   * coloured by setting while axes, grid and text are grey, so an empty chart has almost none — and the
   * number of data marks (bars, rules, dots, line points) in its vega scenegraph.
   */
  charts: { id: string; canvases: number; width: number; height: number; colourPixels: number; dataMarks: number }[];
  /** The number of charts the page embeds (its JSON block). */
  chartsInPage: number;
  consoleErrors: string[];
  requests: string[];
  /** alert/confirm/prompt dialogs the page opened (dismissed): script injected through data would show here. */
  dialogs: string[];
}

export async function openReport(file: string, options: { screenshot?: string; timeoutMs?: number } = {}): Promise<OpenedReport> {
  const profile = mkdtempSync(join(tmpdir(), 'vethbench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
  });
  try {
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
    const dialogs: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(pathToFileURL(resolve(file)).href);
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-charts-rendered'), undefined, { timeout: options.timeoutMs ?? 30_000 });
    const seen = await page.evaluate(() => {
      const root = document.documentElement;
      const ids = (JSON.parse(document.getElementById('vb-charts')!.textContent!) as { charts: { id: string }[] }).charts.map((c) => c.id);
      const charts = ids.map((id) => {
        const canvases = [...document.querySelectorAll<HTMLCanvasElement>(`#${id} canvas`)];
        const canvas = canvases[0];
        let colourPixels = 0;
        if (canvas && canvas.width > 0 && canvas.height > 0) {
          const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
          for (let i = 0; i < data.length; i += 4) {
            const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
            if (a > 128 && Math.max(r, g, b) - Math.min(r, g, b) > 60) colourPixels++;
          }
        }
        type SceneMark = { marktype: string; role: string; items: { items?: SceneMark[] }[] };
        let dataMarks = 0;
        const view = (window as unknown as { vethbenchViews: Record<string, { scenegraph(): { root: SceneMark } }> }).vethbenchViews[id];
        // A stack, not a recursive helper: tsx would wrap a named function in a helper the page lacks.
        const stack: SceneMark[] = view ? [view.scenegraph().root] : [];
        while (stack.length) {
          const mark = stack.pop()!;
          if (mark.marktype !== 'group' && mark.role === 'mark') dataMarks += mark.items.length;
          for (const item of mark.items) stack.push(...(item.items ?? []));
        }
        return { id, canvases: canvases.length, width: canvas?.width ?? 0, height: canvas?.height ?? 0, colourPixels, dataMarks };
      });
      return {
        chartsRendered: Number(root.dataset.chartsRendered), chartsFailed: Number(root.dataset.chartsFailed),
        renderMs: Number(root.dataset.renderMs), chartsInPage: ids.length, charts,
      };
    });
    const { metrics } = await cdp.send('Performance.getMetrics');
    const mainThreadCpuMs = Math.round((metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN) * 1000);
    if (options.screenshot) await page.screenshot({ path: options.screenshot, fullPage: true });
    return { ...seen, mainThreadCpuMs, consoleErrors, requests, dialogs };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
