/**
 * Parts of an OOXML package a tracker does not need (document properties, custom XML, themes, metadata, drawings,
 * comments …): they are checked for DOCTYPE and size but handed to SheetJS empty, so a damaged one never decides
 * whether the workbook can be read.
 */
export const NON_ESSENTIAL_PART = /^(?:docProps|customXml)\/|(?:^|\/)(?:theme|persons|threadedComments|drawings|charts|pivotTables|pivotCache|tables|queryTables|externalLinks|richData|slicers|slicerCaches|timelines|timelineCaches|webextensions)\/|(?:^|\/)(?:metadata|calcChain|xmlMaps|connections|comments\d*)\.xml$|\.vml$/i;
