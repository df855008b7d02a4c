import type { Finding, FindingCode } from '../../src/model/finding.js';

/** The finding, checked to be of `code` and typed by it, so a test can read its params. */
export function ofCode<C extends FindingCode>(f: Finding | undefined, code: C): Finding<C> {
  if (f?.code !== code) throw new Error(`expected a ${code} finding, got ${f?.code ?? 'none'}`);
  return f as Finding<C>;
}

/** The file a finding's params name, for the codes that name one. */
export function fileOf(f: Finding): string | undefined {
  return 'file' in f.params ? f.params.file : undefined;
}
