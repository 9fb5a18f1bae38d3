import { escapeHtml as e } from '../../notifications/templates/escape';

/**
 * The page every console address answers with: the app's script and styles, from this service
 * only (nothing fetched elsewhere). The script draws the page the address names.
 */
export function consoleShell(assets: { script: string; styles: string }): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SEC modification tracker</title>
<link rel="stylesheet" href="${e(assets.styles)}">
<script type="module" src="${e(assets.script)}"></script>
</head>
<body><div id="app"><p>Loading the console…</p></div>
<noscript><p>The console needs JavaScript. The API itself is at /graphql.</p></noscript>
</body>
</html>
`;
}

/** Scripts and styles from this origin only; no frames of it elsewhere; the API from here; frames (an email's preview) from here. */
export const CONSOLE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
