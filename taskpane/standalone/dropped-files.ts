/** The files the page reads from a dropped folder, by extension. */
const SPREADSHEET = /\.(xlsx|xlsm|xls|ods|csv)$/i;

// Excel's lock files (`~$KH.xlsx`) and hidden files (`.DS_Store`) sit beside the submissions but are none.
const SKIPPED = /^(~\$|\.)/;

/** A file found in a drop, named by its path inside the drop as the command line names files inside a folder. */
export interface DroppedFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Every entry of a dropped folder (a reader hands them out in batches until it returns none). */
async function children(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const out: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return out;
    out.push(...batch);
  }
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/**
 * The files of a drop, folders walked: a file dropped itself is always taken (as a picked file is); inside folders,
 * the spreadsheets only, in path order.
 */
export async function filesFromEntries(entries: readonly FileSystemEntry[]): Promise<DroppedFile[]> {
  const top: DroppedFile[] = [];
  const inFolders: DroppedFile[] = [];
  const take = (entry: FileSystemFileEntry, into: DroppedFile[]): void => {
    into.push({ name: entry.fullPath.replace(/^\//, '') || entry.name, arrayBuffer: async () => (await fileOf(entry)).arrayBuffer() });
  };
  const walk = async (dir: FileSystemDirectoryEntry): Promise<void> => {
    for (const e of await children(dir)) {
      if (SKIPPED.test(e.name)) continue;
      if (e.isDirectory) await walk(e as FileSystemDirectoryEntry);
      else if (e.isFile && SPREADSHEET.test(e.name)) take(e as FileSystemFileEntry, inFolders);
    }
  };
  for (const e of entries) {
    if (e.isDirectory) await walk(e as FileSystemDirectoryEntry);
    else if (e.isFile) take(e as FileSystemFileEntry, top);
  }
  inFolders.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...top, ...inFolders];
}
