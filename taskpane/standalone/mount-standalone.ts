import { render } from '../dom/render.js';
import { inPageService, workerService, type FileService } from './file-service.js';
import { StandaloneController, type StandaloneStart, type StandaloneState } from './standalone-controller.js';
import { standaloneView } from './standalone-view.js';

/** Offers bytes to the browser as a download, an .xlsx workbook unless another media type is given. */
function saveFile(name: string, bytes: Uint8Array, type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'): void {
  const blob = new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

declare const __webpack_hash__: string | undefined;
const BUILD = typeof __webpack_hash__ === 'string' ? __webpack_hash__ : '';

/** Where the page's file work runs: a Web Worker (SheetJS and the file tools load there with the first file), else the page. */
function fileService(): FileService {
  const inPage = inPageService(() => import('./file-check.js'));
  // `?worker=0` keeps the work on the page's own thread (where a policy breaks workers, and as the benchmark's baseline).
  if (typeof Worker === 'undefined' || new URLSearchParams(location.search).get('worker') === '0') return inPage;
  // Named as webpack.config.js writes it, with the build's hash so no cache hands out another deployment's worker.
  return workerService(() => new Worker(`file-worker.js?${BUILD}`), inPage);
}

/** Mounts the standalone validator into `root`; the files are read off the page's thread. */
export function mountStandalone(root: HTMLElement, start: StandaloneStart): void {
  const draw = (s: StandaloneState): void => {
    document.documentElement.lang = s.lang === 'zh' ? 'zh-CN' : 'en';
    render(root, standaloneView(s, controller));
  };
  const controller = new StandaloneController(start, fileService(), saveFile, draw);
  draw(controller.state);
}
