import { escapeHtml as e } from '../../notifications/templates/escape';

/**
 * A page whose script draws it: its title, its script and styles from this service only (nothing
 * fetched elsewhere), the element the script draws into with what shows until it has, and what to
 * say to a browser without JavaScript.
 */
export function scriptedPage(page: { title: string; script: string; styles: string; rootId: string; loading: string; noScript: string }): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(page.title)}</title>
<link rel="stylesheet" href="${e(page.styles)}">
<script type="module" src="${e(page.script)}"></script>
</head>
<body><div id="${e(page.rootId)}"><p>${e(page.loading)}</p></div>
<noscript><p>${e(page.noScript)}</p></noscript>
</body>
</html>
`;
}

/** The page every console address answers with: the app draws the page the address names. */
export function consoleShell(assets: { script: string; styles: string }): string {
  return scriptedPage({
    ...assets, title: 'SEC modification tracker', rootId: 'app', loading: 'Loading the console…',
    noScript: 'The console needs JavaScript. The API itself is at /graphql.',
  });
}

/** Scripts and styles from this origin only; no frames of it elsewhere; the API from here; frames (an email's preview) from here. */
export const CONSOLE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
