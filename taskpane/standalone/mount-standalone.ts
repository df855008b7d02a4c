import { render } from '../dom/render.js';
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

/** Mounts the standalone validator into `root`; SheetJS and the file tools load with the first file opened. */
export function mountStandalone(root: HTMLElement, start: StandaloneStart): void {
  const draw = (s: StandaloneState): void => {
    document.documentElement.lang = s.lang === 'zh' ? 'zh-CN' : 'en';
    render(root, standaloneView(s, controller));
  };
  const controller = new StandaloneController(start, () => import('./file-check.js'), saveFile, draw);
  draw(controller.state);
}
