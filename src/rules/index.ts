export type { Finding, FindingCode, Severity } from '../model/finding.js';
export { ROW_RULES, TABLE_RULES, validateTable, type TableValidation, type ValidateTableOptions } from './engine.js';
export { FINDING_CODES, SEVERITY } from '../model/severity.js';
export { summarise, worstCheck, type SeveritySummary } from './summary.js';
export type { FindingParams, NormalisedRow, RowRule, RuleContext, TableRule } from './types.js';
export {
  validateWorkbook, type RowResult, type ValidateWorkbookOptions, type WorkbookValidation,
} from '../use-cases/validate-workbook.js';
