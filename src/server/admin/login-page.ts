/** The admin login page: one field, where an admin pastes a key. Plain HTML, no script. */

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** It loads nothing and runs nothing: its own styles, and a form that posts to itself. */
export const LOGIN_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

export function loginPage({ next, problem }: { next: string; problem?: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · SEC modification tracker</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; background: #f4f5f7; color: #1d2733; margin: 0; }
  main { max-width: 28rem; margin: 12vh auto; background: #fff; padding: 2rem 2.25rem; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
  h1 { font-size: 1.35rem; margin: 0 0 .25rem; }
  p { margin: .25rem 0 1.25rem; color: #4a5563; }
  label { display: block; font-weight: 600; margin-bottom: .35rem; }
  input[type=password] { width: 100%; box-sizing: border-box; padding: .6rem .7rem; font: inherit; border: 1px solid #9aa5b1; border-radius: 4px; }
  button { margin-top: 1rem; padding: .6rem 1.2rem; font: inherit; font-weight: 600; color: #fff; background: #1f5fa8; border: 0; border-radius: 4px; cursor: pointer; }
  .problem { background: #fdecea; border-left: 4px solid #c62828; padding: .6rem .8rem; color: #7f1d1d; margin-bottom: 1rem; }
</style>
</head>
<body>
<main>
  <h1>SEC modification tracker</h1>
  <p>Job queue dashboard. Paste an ADMIN API key to sign in for 8 hours.</p>
  ${problem ? `<div class="problem" role="alert">${escapeHtml(problem)}</div>` : ''}
  <form method="post" action="/admin/login">
    <input type="hidden" name="next" value="${escapeHtml(next)}">
    <label for="key">API key</label>
    <input id="key" name="key" type="password" autocomplete="off" required autofocus>
    <button type="submit">Sign in</button>
  </form>
</main>
</body>
</html>
`;
}
