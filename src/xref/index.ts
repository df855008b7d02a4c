export {
  crossReferences,
  crossReferenceIds,
  topicSimilarity,
  TOPIC_THRESHOLD,
  type XrefEntry,
  type XrefReason,
} from './xref.js';
export { normaliseDocumentName, sameDocument } from './names.js';
