// Every page object, from one import.
export { AppPage, cents } from '../app-page.js';
export { SelfCheckPage } from '../selfcheck-page.js';
export { Screen, amount, download } from './screen.js';
export { DashboardPage } from './dashboard-page.js';
export { CustomersPage } from './customers-page.js';
export { CustomerPage, FIGURES } from './customer-page.js';
export { InvoicesPage } from './invoices-page.js';
export { MeetingPage } from './meeting-page.js';
export { ImportPage, csvFile } from './import-page.js';
export { PortfoliosPage } from './portfolios-page.js';
export { AlertsPage } from './alerts-page.js';
export { DunningPage } from './dunning-page.js';
export { InsurancePage } from './insurance-page.js';
export { CashPage } from './cash-page.js';
