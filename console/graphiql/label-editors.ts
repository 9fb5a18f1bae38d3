/**
 * GraphiQL 4's editors are CodeMirror 5, whose hidden textarea (where a screen reader lands) has
 * no label and no prop to give it one: this names each after the pane it edits, as GraphiQL draws
 * them (and again when it redraws them). The selectors are GraphiQL's own class names.
 */
const LABELS: Array<[selector: string, label: string]> = [
  ['.graphiql-query-editor textarea', 'Query'],
  ['.graphiql-editor-tool textarea', 'Variables (JSON)'],
  ['.graphiql-response textarea', 'Response'],
];

function label(root: Element): void {
  for (const [selector, name] of LABELS) {
    for (const textarea of root.querySelectorAll(selector)) {
      if (textarea.getAttribute('aria-label') !== name) textarea.setAttribute('aria-label', name);
    }
  }
}

export function labelEditors(root: Element): void {
  label(root);
  new MutationObserver(() => label(root)).observe(root, { childList: true, subtree: true });
}
