export {
  crossReferences,
  crossReferenceIds,
  reasonsBetween,
  scoreOf,
  topicSimilarity,
  REASON_WEIGHT,
  TOPIC_THRESHOLD,
  type XrefEntry,
  type XrefOptions,
  type XrefReason,
} from './xref.js';
export { normaliseDocumentName, sameDocument, PROGRAMMES, type ProgrammeName } from './names.js';
