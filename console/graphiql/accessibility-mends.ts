/**
 * What GraphiQL 4 draws, made readable by assistive technology where no prop reaches: each editor
 * (CodeMirror 5, whose hidden textarea is where a screen reader lands) is named after its pane; a
 * scrolled editor's box takes the keyboard's focus, so that it scrolls by keyboard; and the tabs
 * become a group of buttons, the current one marked so (GraphiQL makes each list item a tab and
 * puts its buttons inside, open and close: controls within a control, which no tab role can hold).
 * Applied again whenever GraphiQL redraws. The selectors are
 * GraphiQL's own class names.
 */
const LABELS: Array<[selector: string, label: string]> = [
  ['.graphiql-query-editor textarea', 'Query'],
  ['.graphiql-editor-tool textarea', 'Variables (JSON)'],
  ['.graphiql-response textarea', 'Response'],
];

function set(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

function patch(root: Element): void {
  for (const [selector, name] of LABELS) {
    for (const textarea of root.querySelectorAll(selector)) set(textarea, 'aria-label', name);
  }
  for (const scroll of root.querySelectorAll('.CodeMirror-scroll')) set(scroll, 'tabindex', '0');
  for (const tabs of root.querySelectorAll('.graphiql-tabs')) set(tabs, 'role', 'group');
  for (const tab of root.querySelectorAll('.graphiql-tabs > li')) {
    set(tab, 'role', 'none');
    tab.removeAttribute('aria-selected');
    const button = tab.querySelector('.graphiql-tab-button');
    if (!button) continue;
    if (tab.classList.contains('graphiql-tab-active')) set(button, 'aria-current', 'true');
    else button.removeAttribute('aria-current');
  }
}

export function mendAccessibility(root: Element): void {
  patch(root);
  new MutationObserver(() => patch(root)).observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['role', 'aria-selected', 'class'] });
}
