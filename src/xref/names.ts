/**
 * Puts the name of a cited document into a comparable form: without 《》 and spaces, without a year range or a
 * trailing year, 规划 read as 计划, 与投资 dropped, 澜沧江—湄公河 read as 澜湄 — so 《澜湄国家产能与投资合作三年行动计划》
 * and 《澜湄国家产能合作三年行动计划(2024—2026)》 meet.
 */
export function normaliseDocumentName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[《》〈〉“”"'‘’「」\s]/g, '')
    .replace(/[(（]\s*\d{4}\s*[-—–~至到]+\s*\d{4}\s*[)）]/g, '')
    .replace(/\d{4}\s*[-—–~至到]+\s*\d{4}/g, '')
    .replace(/\d{4}$/, '')
    .replace(/澜沧江[-—–]?湄公河/g, '澜湄')
    .replace(/与投资/g, '')
    .replace(/规划/g, '计划')
    .trim();
}

/** True when two cited document names name the same document after normalisation (one may be a longer form of the other). */
export function sameDocument(a: string, b: string): boolean {
  const x = normaliseDocumentName(a);
  const y = normaliseDocumentName(b);
  if (x === '' || y === '') return false;
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length >= 8 && long.includes(short);
}

/** Names too generic to relate two texts on their own (the plan's reference to itself). */
export const GENERIC_DOCUMENT_NAMES = new Set(['行动计划']);

/** A named programme or mechanism, with the forms the texts use for it. */
export interface ProgrammeName {
  /** The name as shown in reasons. */
  name: string;
  /** Forms found in the texts (any one of them counts). */
  forms: string[];
  /** Documents whose every item is about this programme (the Innovation Corridor Initiative is the corridor's). */
  implicitIn?: ('AP' | 'ND' | 'IC')[];
}

/** Programmes and mechanisms named in the three texts. */
export const PROGRAMMES: ProgrammeName[] = [
  { name: '丰收澜湄', forms: ['丰收澜湄'] },
  { name: '绿色澜湄计划', forms: ['绿色澜湄计划'] },
  { name: '澜湄合作专项基金', forms: ['澜湄合作专项基金', '专项基金'] },
  { name: '澜湄合作知名人士论坛', forms: ['知名人士论坛'] },
  { name: '澜湄水资源合作论坛', forms: ['水资源合作论坛'] },
  { name: '澜湄水资源合作部长级会议', forms: ['水资源合作部长级会议'] },
  { name: '澜湄水资源合作信息共享平台', forms: ['水资源合作信息共享平台'] },
  { name: '澜湄旅游城市合作联盟', forms: ['旅游城市合作联盟'] },
  { name: '澜湄合作地方政府合作论坛', forms: ['地方政府合作论坛'] },
  { name: '澜湄区域创新走廊', forms: ['创新走廊'], implicitIn: ['IC'] },
  { name: '科技创新合作框架', forms: ['科技创新合作框架'] },
  { name: '国家秘书处(协调机构)', forms: ['国家秘书处'] },
  { name: '澜湄合作国际秘书处', forms: ['国际秘书处'] },
  { name: '优先领域联合工作组', forms: ['优先领域联合工作组'] },
  { name: '湄公河委员会', forms: ['湄公河委员会', '澜委会', '湄委会'] },
  { name: '三河流域机制', forms: ['三河流域机制'] },
  { name: '大湄公河次区域经济合作', forms: ['大湄公河次区域经济合作'] },
  { name: '东盟', forms: ['东盟'] },
  { name: '“一带一路”倡议', forms: ['一带一路'] },
  { name: '全球发展倡议', forms: ['全球发展倡议'] },
  { name: '全球安全倡议', forms: ['全球安全倡议'] },
  { name: '全球文明倡议', forms: ['全球文明倡议'] },
  { name: '澜湄合作领导人会议', forms: ['领导人会议'] },
  { name: '澜湄国家命运共同体', forms: ['澜湄国家命运共同体'] },
  { name: '澜湄流域经济发展带', forms: ['澜湄流域经济发展带'] },
  { name: '澜湄扶贫培训中心', forms: ['扶贫培训中心'] },
  { name: '全球湄公河研究中心', forms: ['湄公河研究中心'] },
  { name: '多国多园', forms: ['多国多园'] },
  { name: '国际陆海贸易新通道', forms: ['国际陆海贸易新通道'] },
  { name: '共建安宁家园', forms: ['共建安宁家园'] },
  { name: '单一窗口', forms: ['单一窗口'] },
  { name: '澜湄周', forms: ['澜湄周'] },
];
