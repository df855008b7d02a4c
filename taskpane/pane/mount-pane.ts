import type { Lang } from '../../src/model/lang.js';
import { render } from '../dom/render.js';
import { h, type ViewElement } from '../dom/view-node.js';
import type { SheetHost } from '../sheet-host/sheet-host.js';
import { PaneController } from './pane-controller.js';
import type { PaneState } from './pane-state.js';
import { paneView } from './pane-view.js';

/** How the pane was started: in Excel, or as the in-memory demo (with a preview of the sheet). */
export interface PaneOptions {
  host: SheetHost;
  lang: Lang;
  mode: 'excel' | 'demo';
  /** Today's date as ISO, the default as-of date. */
  today: string;
  /** The sheet shown beside the pane in demo mode, so highlights can be seen without Excel. */
  preview?: () => ViewElement;
  /**
   * Calls back when the pane is shown. Excel may start the shared runtime hidden, only to calculate `=LMC.*` on open:
   * reading the sheet then would queue the functions behind it. Without it the pane detects at once (the demo).
   */
  whenShown?: (shown: () => void) => void;
}

/**
 * Mounts the Excel task pane (or its demo) into `root`: every new state is rendered; the active sheet is read when
 * the pane is shown or first used.
 */
export function mountPane(root: HTMLElement, o: PaneOptions): void {
  const draw = (s: PaneState): void => {
    document.documentElement.lang = s.lang === 'zh' ? 'zh-CN' : 'en';
    const pane = paneView(s, controller);
    // In the demo the sheet sits where Excel's grid would be, left of the pane.
    render(root, [o.preview ? h('div', { class: 'demo-layout' }, h('div', { class: 'sheet-col' }, o.preview()), pane) : pane]);
  };
  // The file reader (SheetJS inside) is fetched only when the user compares with files.
  const controller = new PaneController(o.host, o, draw, () => import('../standalone/file-check.js'));
  draw(controller.state);
  // Reading is harmless, so the pane shows what it found on the active sheet once it can be seen. A click runs after
  // the clicked button's own action, which reads the sheet itself.
  const detect = () => void controller.detectOnce();
  root.addEventListener('click', detect);
  if (o.whenShown) o.whenShown(detect);
  else detect();
}
