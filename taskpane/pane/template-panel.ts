import type { Lang } from '../../src/model/lang.js';
import { h, type ViewElement } from '../dom/view-node.js';
import { strings } from '../i18n.js';
import type { PaneIntents } from './pane-controller.js';
import type { PaneState } from './pane-state.js';
import { statusLine } from './status-line.js';

/** The template tab: the header language and the button that inserts a blank tracker. */
export function templatePanel(s: PaneState, act: PaneIntents): ViewElement {
  const T = strings(s.lang);
  return h(
    'section',
    { class: 'panel' },
    h('h2', {}, T.templateTitle),
    h('p', { class: 'muted' }, T.templateHint),
    h(
      'div',
      { class: 'row' },
      h(
        'label',
        {},
        `${T.templateLang} `,
        h(
          'select',
          { value: s.templateLang, 'data-testid': 'template-lang', onchange: (e) => act.setTemplateLang(e.value as Lang) },
          h('option', { value: 'zh' }, '中文'),
          h('option', { value: 'en' }, 'English'),
        ),
      ),
      h('button', { type: 'button', class: 'primary', disabled: s.running !== null, onclick: () => void act.insertTemplate() }, T.insertTemplate),
    ),
    statusLine(s),
  );
}
