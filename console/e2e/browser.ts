// A real browser for the console's end-to-end tests: Debian's chromium driven by playwright-core,
// headless, with a fresh profile; axe-core for accessibility; screenshots into docs/screenshots.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { projectRoot } from '../../platform/paths';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = () => fs.existsSync(CHROMIUM);

export const SCREENSHOTS = () => path.join(projectRoot(), 'docs', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // playwright gives every launch a fresh temporary profile (the user-data-dir).
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  /** Errors the page logged or threw (console.error, uncaught exceptions, failed requests), each prefixed by the page's origin. */
  problems: string[];
}

export async function openConsole(browser: Browser, url: string, viewport = { width: 1280, height: 900 }): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
  // Nothing leaves this machine: requests to any host but the loopback are refused.
  await context.route(
    (u) => !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname),
    (route) => route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  const problems: string[] = [];
  const where = () => new URL(page.url()).origin;
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${where()} console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${where()} page: ${e.message}`));
  await page.goto(url);
  return { context, page, problems };
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Serious and critical WCAG 2.1 A/AA violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the console's script-src policy does not apply.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}: ${v.nodes[0]?.failureSummary ?? ''}`);
}

/** Closes the browser even when a page hangs, so a failed test never keeps jest from exiting. */
export async function closeBrowser(browser: Browser | undefined): Promise<void> {
  if (!browser) return;
  const closed = browser.close().catch(() => undefined);
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000).unref());
  if ((await Promise.race([closed, timer])) === 'timeout') {
    // The browser's process is playwright's child: ask it once more, harder.
    await browser.close({ reason: 'test teardown timed out' }).catch(() => undefined);
  }
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  fs.mkdirSync(SCREENSHOTS(), { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS(), `${name}.png`), fullPage });
}

/** Signs in with the development role picker, as a person would. */
export async function signInAs(page: Page, role: string): Promise<void> {
  await page.getByLabel('Role').selectOption(role);
  await page.getByRole('button', { name: `Sign in as ${role}` }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** The bearer token the console holds for this tab: the test asks the API the same question with it. */
export async function tokenOf(page: Page): Promise<string> {
  const raw = await page.evaluate(() => sessionStorage.getItem('peoplegraph.console.session'));
  if (!raw) throw new Error('The console holds no session');
  return (JSON.parse(raw) as { token: string }).token;
}
