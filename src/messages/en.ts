import { STATUSES } from '../schema/enums.js';
import { columnMeta, isColumnKey, type ValueForm } from '../schema/columns.js';
import type { ClauseParams, FileCorruptReason, Finding, FindingParamsByCode } from '../model/finding.js';
import { baseName, bytes, columnHeaders, columnName, counted, countryName, fieldList, list, num, places, show, statusName, type MessageMap } from './format.js';

const HINT: Record<ValueForm, string> = {
  id: 'an activity ID of the form CC-YYYY-NNN, e.g. KH-2024-001',
  text: '',
  clause: 'an action-plan clause such as 4.2.12',
  country: 'one of the six countries, e.g. 柬埔寨 / Cambodia / KH',
  countries: 'countries separated by 、 , ; or /',
  date: 'a date such as 2024-03-15, 2024/3/15 or 2024年3月15日',
  status: `a status: ${STATUSES.map((s) => s.en).join(', ')}`,
  percent: 'a percentage such as 40%',
  number: 'a number such as 1,200,000 or 120万',
  funding: 'a funding source',
  confidence: 'a number from 0 to 1',
  check: 'OK, Warning or Error',
  assessment: 'an assessment',
};

const hint = (column: string | null): string => (column && isColumnKey(column) ? HINT[columnMeta(column).type] : 'a value');
const col = (c: string | null): string => columnName(c, 'en');
const EXAMPLE_HEADERS = (['activity_id', 'activity', 'start'] as const).map((k) => `${columnName(k, 'zh')} / ${columnName(k, 'en')}`).join(', ');
const at = (f: { cell: string | null }): string => (f.cell ? ` (${f.cell})` : '');
/** The canonical clause id, when it differs from what was written. */
const alias = (f: { value: Finding['value']; params: ClauseParams }): string => (f.params.id && f.params.id !== show(f.value) ? ` (${show(f.params.id)})` : '');

/** The file named in a file-level finding. */
const file = (f: { params: { file: string } }): string => `The file "${baseName(f.params.file)}" `;

const LOOKS_EN: Record<string, string> = {
  pdf: 'a PDF', html: 'a web page', xml: 'an XML file', text: 'a text file', image: 'an image', archive: 'an archive',
  zip: 'a zip archive', word: 'a Word document', powerpoint: 'a PowerPoint file', opendocument: 'an OpenDocument file', ole: 'an old Office file', empty: 'an empty file',
};

/** What is wrong with a damaged file, in words (a parser's own English is never shown). */
const CORRUPT: Record<Exclude<FileCorruptReason, 'parser-failed'>, (p: FindingParamsByCode['file-corrupt']) => string> = {
  'no-central-directory': () => 'its zip directory is missing, so it is cut short or not a workbook at all',
  truncated: () => 'it ends early, so part of its data is missing',
  'unsafe-entry-name': () => 'a part has a name that points outside the workbook',
  'duplicate-entry': () => 'a part is stored twice',
  'unsupported-compression': () => 'a part is compressed in a way Excel never writes',
  'bad-entry-size': () => 'a part’s recorded size does not match its data',
  'bad-compressed-data': () => 'the compressed data of a part is broken',
  'bad-xml-part': () => 'a part that must be XML is not',
  'bad-ole-container': () => 'its legacy Excel (.xls) container is broken',
  'bad-record': () => 'a record of the legacy Excel (.xls) workbook is cut short',
  'unreadable-content': () => 'its parts do not make up a workbook that can be read',
  'duplicate-sheet': (p) => `two sheets have the same name${p.sheet ? ` "${show(p.sheet)}"` : ''}`,
  'duplicate-relationship': () => 'two sheets point at the same part',
  'repeated-element': (p) => `the workbook part holds its <${show(p.element ?? 'sheets', 20)}> element more than once`,
  'more-sheets-than-parts': () => 'the workbook lists more sheets than the file holds parts',
  'incomplete-element': (p) => `a <${show(p.element ?? 'Relationship', 20)}> entry of the package lacks a required attribute`,
};

/** English messages, one per finding code: what is wrong and what to do. */
export const en: MessageMap = {
  'missing-column': (f) =>
    `The required column "${col(f.column)}" is missing from the header row (row ${f.row}). ` +
    `Add a column headed ${columnHeaders(f.column ?? '').map((h) => `"${h}"`).join(' or ')}.`,
  'unknown-column': (f) => {
    const dup = f.params.duplicateOf;
    return dup !== null
      ? `Column "${show(f.value)}"${at(f)} repeats the column "${col(dup)}" found further left; it is ignored. Remove or rename it.`
      : `Column "${show(f.value)}"${at(f)} is not a tracker column; it is kept as it is and not checked. Rename it if it is meant to be one (see lmc schema).`;
  },
  required: (f) => `${col(f.column)}${at(f)} is empty. Enter ${hint(f.column) || `the ${col(f.column).toLowerCase()}`}.`,
  type: (f) => {
    const p = f.params;
    const v = show(f.value);
    switch (p.reason) {
      case 'error-cell':
        return `${col(f.column)}${at(f)} shows the Excel error ${show(p.error)}. Fix the formula or type the value in.`;
      case 'impossible-date':
        return `${col(f.column)}${at(f)} "${v}" is not a real calendar date. Check the day and the month.`;
      case 'year-only':
        return `${col(f.column)}${at(f)} holds ${show(p.year)}, a year rather than a date. Enter a full date such as ${show(p.year)}-03-15 or a month such as ${show(p.year)}-03.`;
      case 'not-a-number':
        return `${col(f.column)}${at(f)} "${v}" is not a number. Enter digits such as 1200000, 1,200,000 or 120万.`;
      case 'not-a-percent':
        return `${col(f.column)}${at(f)} "${v}" is not a percentage. Enter 40%, 40 or 0.4.`;
      default:
        return `${col(f.column)}${at(f)} "${v}" is not a date. Enter ${HINT.date}, or a month such as 2024-03.`;
    }
  },
  enum: (f) => {
    const p = f.params;
    const bad = p.item ?? show(f.value);
    const near = p.nearest !== null ? ` Did you mean ${p.nearest}?` : '';
    return `${col(f.column)}${at(f)} "${show(bad)}" is not an accepted value.${near} Use one of: ${list(p.allowed, 'en')}.`;
  },
  'too-long': (f) => {
    const p = f.params;
    return `${col(f.column)}${at(f)} has ${counted(p.length, 'character', 'characters')}; the limit is ${num(p.max)}. Shorten it${f.column === 'activity' ? ' and put the details in the description' : ''}.`;
  },
  'id-format': (f) =>
    `${col('activity_id')}${at(f)} "${show(f.value)}" is not of the form ${show(f.params.pattern)} ` +
    `(CC one of ${list(f.params.countries, 'en')}, then the year and a 3-digit number, e.g. KH-2024-001). Correct it.`,
  'duplicate-id': (f) =>
    `${col('activity_id')} ${show(f.params.id)}${at(f)} is already used in row ${show(f.params.firstRow)}. Give each activity its own ID.`,
  'unknown-clause': (f) => {
    const p = f.params;
    const sug = p.suggestions.length ? ` Did you mean ${list(p.suggestions, 'en')}?` : '';
    if (p.reason === 'not-action-plan') {
      const what = p.doc === 'IC' ? 'an item of the Innovation Corridor Initiative' : 'a paragraph of the Nay Pyi Taw Declaration';
      return `${col('clause')}${at(f)} "${show(f.value)}"${alias(f)} is ${what}, not an action-plan clause. Enter the action-plan clause the activity implements (e.g. 4.2.12); related declaration paragraphs and initiative items go to the cross-references.`;
    }
    if (p.reason === 'malformed') {
      return `${col('clause')}${at(f)} "${show(f.value)}" is not a clause reference.${sug} Write the action-plan clause number, e.g. 4.2.12 or AP-4.2.12, or leave the cell blank for mapping to fill.`;
    }
    return `${col('clause')}${at(f)} "${show(f.value)}" names no clause of the action plan${p.id ? ` (${show(p.id)})` : ''}.${sug} Check the number (lmc catalog lists every clause).`;
  },
  'not-leaf-clause': (f) => {
    const p = f.params;
    const sug = p.suggestions.length ? ` Choose one of its clauses, e.g. ${list(p.suggestions, 'en')}.` : ' Choose one of its clauses.';
    return `${col('clause')}${at(f)} "${show(f.value)}"${alias(f)} is a section heading without text of its own.${sug}`;
  },
  'date-order': (f) => {
    const p = f.params;
    return `${col('end')} ${show(p.end)}${at(f)} is before the ${col('start').toLowerCase()} ${show(p.start)}${p.startCell ? ` (${show(p.startCell)})` : ''}. Correct one of the two dates.`;
  },
  'out-of-period': (f) => {
    const p = f.params;
    return `${col(f.column)}${at(f)} ${show(p.date)} is outside the action plan period ${show(p.from)} … ${show(p.to)}. Enter a date within the period.`;
  },
  range: (f) => {
    const p = f.params;
    if (f.column === 'progress') return `${col('progress')}${at(f)} ${num(f.value)} is outside ${num(p.min)}–${num(p.max ?? 100)} %. Enter a value from 0 to 100 (or 0%–100%).`;
    return `${col(f.column)}${at(f)} ${num(f.value)} is below ${num(p.min)}. Enter ${num(p.min)} or more.`;
  },
  'status-progress': (f) => {
    const p = f.params;
    return `The status is ${statusName(p.status, 'en')} but the progress${at(f)} is ${num(p.progress)} %. Set the progress to ${num(p.expected)} % or change the status.`;
  },
  'id-country': (f) => {
    const p = f.params;
    return `${col('activity_id')}${at(f)} "${show(f.value)}" begins with ${show(p.idCountry)} (${countryName(p.idCountry, 'en')}) but the lead country is ${show(p.leadCountry)} (${countryName(p.leadCountry, 'en')}). Correct the ID or the lead country.`;
  },
  'partner-is-lead': (f) =>
    `${countryName(f.params.country, 'en')} is the lead country and is also listed among the partner countries${at(f)}. Remove it from the partners.`,
  overdue: (f) => {
    const p = f.params;
    return `The status is ${statusName(p.status, 'en')} but the end date ${show(p.end)}${at(f)} is before the as-of date ${show(p.asOf)}. Update the status, or set a new end date.`;
  },
  'late-start': (f) => {
    const p = f.params;
    return `The status is ${statusName('not_started', 'en')} but the start date ${show(p.start)}${at(f)} is before the as-of date ${show(p.asOf)}. Update the status, or set a new start date.`;
  },
  'clause-mismatch': (f) => {
    const p = f.params;
    const sug = show(p.suggested);
    const title = p.suggestedTitleEn ? ` (${show(p.suggestedTitleEn)})` : '';
    const conf = `, match confidence ${(Math.round(p.confidence * 100) / 100).toFixed(2)}`;
    return `The activity's name and description read like clause ${sug}${title} rather than ${show(p.given)}${at(f)}${conf}. Check the clause and change it to ${sug} if the activity belongs there.`;
  },
  'duplicate-activity': (f) => {
    const p = f.params;
    return `The same activity with lead country ${countryName(p.leadCountry, 'en')} is already in row ${show(p.firstRow)}. Remove the duplicate, or make the names tell the two apart.`;
  },
  'file-unreadable': (f) => {
    const p = f.params;
    const why: Record<string, string> = {
      'not-found': 'it does not exist; check the path',
      permission: 'you may not read it; check its permissions',
      directory: 'it is a folder; name a workbook file',
      'not-a-file': 'it is not a regular file; name a workbook file',
      locked: 'another program locks it; close it there and try again',
      'changed-while-reading': 'it changed while being read; wait until it is saved and try again',
      'reader-crashed': 'the reader stopped on it; open it in Excel, save it as .xlsx and try again',
      'worker-start': 'the reading process could not start; try again',
      'internal-error': 'checking it failed inside lmc (the other files are not affected); please report this file to the maintainers',
    };
    const reason = why[p.reason] ?? show(p.reason);
    return `${file(f)}cannot be read: ${reason}.`;
  },
  'file-not-spreadsheet': (f) => {
    const p = f.params;
    const kind = p.detected !== 'binary' ? ` (it looks like ${LOOKS_EN[p.detected] ?? p.detected})` : '';
    return `${file(f)}is not an Excel workbook${kind}. Save the tracker as .xlsx and try again.`;
  },
  'file-encrypted': (f) =>
    `${file(f)}is protected with a password and cannot be read. Remove the password in Excel (File › Info › Protect Workbook), save, and try again.`,
  'file-corrupt': (f) => {
    const p = f.params;
    if (p.reason === 'parser-failed') {
      return `${file(f)}could not be read: reading its content failed, without a specific fault being found. Open it in Excel and save it as .xlsx; if Excel opens it without repairing it, please report the file to the maintainers.`;
    }
    const part = p.entry ? ` (${show(p.entry, 80)})` : '';
    return `${file(f)}is damaged: ${CORRUPT[p.reason](p)}${part}. Open it in Excel, let Excel repair it, save it as .xlsx and try again.`;
  },
  'file-too-large': (f) => {
    const p = f.params;
    const what =
      p.reason === 'file-size' ? `is ${bytes(p.size)}, over the limit of ${bytes(p.limit)}`
      : p.reason === 'cells' ? `holds more than ${counted(p.limit, 'cell', 'cells')}`
      : p.reason === 'rows' ? `holds more rows than can be checked${p.limit !== undefined ? ` (limit ${num(p.limit)})` : ''}${p.sheet ? ` in sheet "${show(p.sheet)}"` : ''}`
      : p.reason === 'columns' ? `holds more columns than can be checked${p.limit !== undefined ? ` (limit ${num(p.limit)})` : ''}${p.sheet ? ` in sheet "${show(p.sheet)}"` : ''}`
      : 'needs more memory than reading a tracker may take';
    return `${file(f)}${what}; it was not read. Remove unrelated sheets and unused rows, or split the tracker.`;
  },
  'file-zip-bomb': (f) => {
    const p = f.params;
    const why =
      p.reason === 'entries' ? `holds ${counted(p.entries, 'part', 'parts')} (limit ${num(p.limit)})`
      : p.reason === 'ratio' ? `compresses more than ${num(p.limit)} to 1${p.entry ? ` in ${show(p.entry)}` : ''}`
      : p.reason === 'overlapping-entries' ? `has overlapping parts${p.entry ? ` (${show(p.entry)})` : ''}`
      : `would expand to ${p.size !== undefined ? bytes(p.size) : 'far more data than a tracker holds'}${p.limit !== undefined ? ` (limit ${bytes(p.limit)})` : ''}`;
    return `${file(f)}${why}, which no tracker needs; it was not opened. Re-save the workbook from Excel, or remove unrelated content.`;
  },
  'file-timeout': (f) =>
    `Reading the file "${baseName(f.params.file)}" took longer than ${show(f.params.seconds)} s and was stopped. Remove unrelated sheets or re-save the file from Excel.`,
  'file-macros': (f) => `${file(f)}contains macros; they are never run and are ignored. Save the tracker as .xlsx to drop them.`,
  'file-doctype': (f) =>
    `${file(f)}contains an XML DOCTYPE declaration${f.params.entry ? ` (${show(f.params.entry)})` : ''}, which is refused for safety; it was not read. Re-save the workbook from Excel.`,
  'sheet-no-header': (f) => {
    const p = f.params;
    const sheets = p.sheets.length === 1 ? 'the sheet' : 'the sheets';
    const rows = p.rows === 1 ? 'the first row' : `one of the first ${counted(p.rows, 'row', 'rows')}`;
    return `No header row found in ${sheets} ${list(p.sheets, 'en')}: ${rows} must hold at least ${counted(p.min, 'column name', 'column names')} such as ${EXAMPLE_HEADERS}. Start from the template (lmc template).`;
  },
  'sheet-empty': (f) =>
    `The workbook holds no data${f.params.sheets.length ? ` (sheets: ${list(f.params.sheets, 'en')})` : ''}. Fill in the activities, starting from the template (lmc template).`,
  'sheet-hidden': (f) =>
    `Sheet "${show(f.sheet)}" is ${f.params.visibility === 'veryHidden' ? 'very hidden (only visible to macros)' : 'hidden'}. Hidden sheets are not checked unless they hold the activity table; unhide it if it matters.`,
  'sheet-huge-dimension': (f) => {
    const p = f.params;
    return `Sheet "${show(f.sheet)}" declares the range ${show(p.declared)}${p.used ? ` but uses only ${show(p.used)}` : ''}; only cells holding data were read. Delete the unused rows and columns to make the file smaller.`;
  },
  'formula-no-value': (f) =>
    `${f.cell ?? 'A cell'} holds a formula${f.params.formula ? ` (${show(f.params.formula)})` : ''} without a saved result, so it reads as empty. Open the file in Excel, let it recalculate and save it.`,
  'control-char': (f) =>
    `${f.cell ?? 'A cell'} contains an invisible control character${f.params.char ? ` (${show(f.params.char)})` : ''}, usually brought in by copy and paste. Delete it or retype the text.`,
  'text-encoding': (f) =>
    `${f.cell ?? 'A cell'} holds bytes that are not UTF-8${f.params.bytes ? ` (${show(f.params.bytes, 30)})` : ''}, shown as �; the rest of the file is UTF-8. Retype the text, or save the file from Excel as "CSV UTF-8".`,
  'cell-too-long': (f) =>
    `${f.cell ?? 'A cell'} holds ${counted(f.params.length, 'character', 'characters')}, over Excel's cell limit of ${num(f.params.limit)}, which Excel cannot store in full. Shorten it.`,
  'cross-file-duplicate': (f) => `Activity ${f.params.activityId} is reported in several files (${places(f.params, 'en')}); the values agree, so it is counted once.`,
  'cross-file-conflict': (f) =>
    `Activity ${f.params.activityId} is reported in several files (${places(f.params, 'en')}) with different ${fieldList(f.params, 'en')}; it is counted as ${baseName(f.params.countedFile)} reports it. Agree on one version.`,
  'cross-file-clash': (f) =>
    `Activity ${f.params.activityId} is reported in several files (${places(f.params, 'en')}) with different ${fieldList(f.params, 'en')}, so where it belongs is unclear; it is counted as ${baseName(f.params.countedFile)} reports it. The lead country and the partners should correct it.`,
};
