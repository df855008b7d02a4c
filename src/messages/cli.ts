import type { Lang } from '../model/lang.js';

/** Words of `lmc clause` and `lmc catalog`. */
export const CLAUSE_LABELS = {
  zh: {
    heading: '(章节标题,无正文)', truncated: '[原版面在此截断,正文不完整]',
    parent: '上级', children: '下级', cites: '提及', none: '无', headingFlag: '标题', truncatedFlag: '截断',
  },
  en: {
    heading: '(section heading, no text of its own)', truncated: '[the printed page cuts this text off here]',
    parent: 'Parent', children: 'Children', cites: 'Cites', none: 'none', headingFlag: 'heading', truncatedFlag: 'truncated',
  },
} satisfies Record<Lang, Record<string, string>>;

/** Words of `lmc xref`. */
export const XREF_LABELS = {
  zh: { document: '同一文件', programme: '同一项目或机制', topic: '主题相近', none: '在另两份文本中没有找到相关条款。' },
  en: { document: 'same document', programme: 'same programme or mechanism', topic: 'similar topic', none: 'No related clauses in the other two texts.' },
} satisfies Record<Lang, Record<string, string>>;

/** Words of `lmc match`. */
export const MATCH_LABELS = {
  zh: {
    confidence: '置信度', accepted: '采纳', notAccepted: '未采纳,低于阈值', reference: '明确引用', terms: '匹配词', none: '没有匹配的条款',
    otherDocument: (ref: string, title: string, docs: string) => `明确引用 ${ref}(${title}),不属于所查文本(${docs});活动应对应行动计划条款,相关条款见 lmc xref ${ref}`,
  },
  en: {
    confidence: 'confidence', accepted: 'accepted', notAccepted: 'not accepted, below the threshold', reference: 'explicit reference', terms: 'matched terms', none: 'no clause matches',
    otherDocument: (ref: string, title: string, docs: string) =>
      `explicit reference to ${ref} (${title}), outside the texts searched (${docs}); activities map to action-plan clauses, see lmc xref ${ref} for related ones`,
  },
};

/** Words of the summary `lmc fill` prints. */
export const FILL_LABELS = {
  zh: {
    wrote: (out: string, sheet: string, rows: number) => `已写入 ${out}(工作表“${sheet}”,数据行 ${rows})`,
    clause: (mapped: number, blank: number) => `补全 ${mapped} 个空白条款(共 ${blank} 个空白)`,
    cells: (n: number) => `${n} 个单元格`,
    findings: (e: number, w: number, i: number) => `问题:错误 ${e},警告 ${w},提示 ${i}`,
    unmapped: '未能确定条款的行(候选条款已写入校验说明):',
    row: (n: number) => `第 ${n} 行`,
    more: (n: number) => `…另有 ${n} 行`,
  },
  en: {
    wrote: (out: string, sheet: string, rows: number) => `Wrote ${out} (sheet "${sheet}", ${rows} data ${rows === 1 ? 'row' : 'rows'})`,
    clause: (mapped: number, blank: number) => `${mapped} of ${blank} blank ${blank === 1 ? 'clause' : 'clauses'} filled`,
    cells: (n: number) => `${n} ${n === 1 ? 'cell' : 'cells'}`,
    findings: (e: number, w: number, i: number) => `Findings: ${e} ${e === 1 ? 'error' : 'errors'}, ${w} ${w === 1 ? 'warning' : 'warnings'}, ${i} info`,
    unmapped: 'Rows left without a clause (candidates are in the issues column):',
    row: (n: number) => `row ${n}`,
    more: (n: number) => `… and ${n} more ${n === 1 ? 'row' : 'rows'}`,
  },
};
