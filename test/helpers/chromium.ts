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
  /** Each chart container with the size of its canvas and how many of its pixels are drawn on. */
  charts: { id: string; canvases: number; width: number; height: number; inkPixels: number }[];
  /** The number of charts the page embeds (its JSON block). */
  chartsInPage: number;
  consoleErrors: string[];
  requests: string[];
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
    page.on('request', (r) => requests.push(r.url()));
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
        let inkPixels = 0;
        if (canvas && canvas.width > 0 && canvas.height > 0) {
          const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
          // Drawn on: not transparent and not white.
          for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && (data[i]! < 250 || data[i + 1]! < 250 || data[i + 2]! < 250)) inkPixels++;
        }
        return { id, canvases: canvases.length, width: canvas?.width ?? 0, height: canvas?.height ?? 0, inkPixels };
      });
      return {
        chartsRendered: Number(root.dataset.chartsRendered), chartsFailed: Number(root.dataset.chartsFailed),
        renderMs: Number(root.dataset.renderMs), chartsInPage: ids.length, charts,
      };
    });
    const { metrics } = await cdp.send('Performance.getMetrics');
    const mainThreadCpuMs = Math.round((metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN) * 1000);
    if (options.screenshot) await page.screenshot({ path: options.screenshot, fullPage: true });
    return { ...seen, mainThreadCpuMs, consoleErrors, requests };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
