// The Summary tab's code: the pane loads it when the tab is first opened, so Excel starts the pane without it.
export { summaryPanel } from './summary-panel.js';
export { insertSummarySheet, readTrackerSheets, revalidated, rowColumn, summarised } from './summary-actions.js';
export { submissionOf, unreadableSubmission } from '../../src/use-cases/summary.js';
