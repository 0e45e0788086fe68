// What every page object shares: the Playwright page, its elements by
// data-testid, the navigation link that opens it, and downloads.
import { readFile } from 'node:fs/promises';

/** Parses "1,234,567.89" (or "-1,234.50") into integer cents, exactly. */
export function cents(text) {
  const t = text.trim().replace(/,/g, '');
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) throw new Error(`not an amount: "${text}"`);
  const frac = (m[3] || '').padEnd(2, '0');
  const v = BigInt(m[2]) * 100n + BigInt(frac || '0');
  return m[1] ? -v : v;
}

/** "CNY 1,234.50" (or "1,234.50") into integer cents. */
export const amount = (text) => cents(text.replace(/^[A-Z]{3}\s*/, ''));

/** Clicks `locator` and returns the download it starts. */
export async function download(page, locator) {
  const [file] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  return file;
}

/** Sets the report date in the header (an ISO date). */
export async function setAsOf(page, isoDate) {
  await page.getByTestId('as-of').fill(isoDate);
  await page.getByTestId('as-of').dispatchEvent('change');
}

/** Clicks the navigation link `nav-<which>`; on a phone, where the
 *  navigation is behind the menu button, opens the menu first. */
export async function navigate(page, which) {
  const link = page.getByTestId(`nav-${which}`);
  if (!(await link.isVisible()) && (await page.getByTestId('menu-toggle').isVisible())) {
    await page.getByTestId('menu-toggle').click();
  }
  await link.click();
}

export class Screen {
  /** `nav` is the data-testid suffix of the page's navigation link. */
  constructor(page, nav) {
    this.page = page;
    this.navId = nav;
  }

  /** The element with this data-testid (all of them, as a locator). */
  id(testId) {
    return this.page.getByTestId(testId);
  }

  /** The element with this data-testid and these data-* attributes. */
  at(testId, data = {}) {
    const attrs = Object.entries(data).map(([k, v]) => `[data-${k}="${v}"]`).join('');
    return this.page.locator(`[data-testid=${testId}]${attrs}`);
  }

  /** Opens the page through its navigation link (through the menu on a phone). */
  async open() {
    await navigate(this.page, this.navId);
  }

  /** Clicks an export button (`export-ageing`, `export-invoices`, …);
   *  returns the file's suggested name, bytes and text. */
  async exportFile(testId) {
    const file = await download(this.page, this.id(testId));
    const bytes = await readFile(await file.path());
    return { name: file.suggestedFilename(), bytes, text: bytes.toString('utf8') };
  }

  /** The report date in the header (on every page). */
  async asOf() {
    return this.page.getByTestId('as-of').inputValue();
  }

  /** Sets the report date in the header. */
  async setAsOf(isoDate) {
    await setAsOf(this.page, isoDate);
  }
}
