// Every page of the app, in the order the screen-wide tests walk them
// (responsive, accessibility, screenshots), and how to open each one.
import { expect } from '@playwright/test';

export const PAGES = ['dashboard', 'customers', 'customer', 'invoices', 'alerts', 'dunning', 'insurance', 'cash', 'portfolios', 'import', 'meeting', 'selfcheck'];

/** Opens a page of PAGES ('customer' is the first buyer's page) and waits for its heading. */
export async function openPage(app, page, which) {
  if (which === 'customer') {
    await app.nav('customers');
    await page.locator('[data-testid=customers-table] [data-testid=customer-name] a').first().click();
  } else {
    await app.nav(which);
  }
  await expect(page.locator('main h1').first()).toBeVisible();
}
