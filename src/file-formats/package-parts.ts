import { DEFAULT_READ_LIMITS } from './limits.js';
import { inflateEntryTo, listZipEntries, StoredZipWriter } from './zip-guard.js';

/**
 * Parts of an OOXML package a tracker does not need and SheetJS parses anyway: document properties, custom XML,
 * metadata, themes, the calculation chain, comments and people, drawings, charts, pivot caches, tables, query tables,
 * external links, rich data, slicers, timelines and web extensions. A flaw in one of them (a missing `<vt:i4>` in
 * docProps/app.xml, a renamed element in xl/metadata.xml) made SheetJS throw on an intact tracker.
 */
export const NON_ESSENTIAL_PART =
  /^(?:docProps|customXml)\/|(?:^|\/)(?:theme|persons|threadedComments|drawings|charts|pivotTables|pivotCache|tables|queryTables|externalLinks|richData|slicers|slicerCaches|timelines|timelineCaches|webextensions)\/|(?:^|\/)(?:metadata|calcChain|xmlMaps|connections|comments\d*)\.xml$|\.vml$/i;

/**
 * A stored (uncompressed) copy of a zip package, inflated under the zip guard's caps, with the parts `blank` selects
 * emptied (their names kept, so references to them still resolve and SheetJS reads them as absent); a part that
 * does not inflate within the caps is emptied too. Undefined when the bytes are not a package the zip guard accepts.
 */
export function withBlankParts(bytes: Uint8Array, blank: (name: string) => boolean): Uint8Array | undefined {
  const listing = listZipEntries(bytes, DEFAULT_READ_LIMITS);
  if (!listing.ok) return undefined;
  const writer = new StoredZipWriter(Math.min(bytes.length * 4, DEFAULT_READ_LIMITS.maxTotalBytes));
  const budget = { total: 0 };
  for (const e of listing.entries) {
    if (e.isDirectory) continue;
    writer.begin(e.rawName);
    if (!blank(e.name)) {
      const chunks: Uint8Array[] = [];
      // Written only once the whole part has inflated: a part that fails half-way is left empty.
      if (!inflateEntryTo(bytes, e, DEFAULT_READ_LIMITS, budget, (chunk) => chunks.push(chunk.slice()))) for (const c of chunks) writer.write(c);
    }
    writer.end();
  }
  return writer.finish();
}
