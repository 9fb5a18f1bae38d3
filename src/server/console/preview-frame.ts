import { createHash } from 'node:crypto';

/**
 * The frame the console shows an email's HTML in (a digest's preview). The console hands it the
 * HTML by postMessage; the frame writes it as its own document. It is sandboxed by the console
 * (`allow-scripts` only: an opaque origin, no cookies, no reach into the console) and by its own
 * policy: the one script that may run is this one (by its hash); the email's styles apply, as a
 * mail client applies them, and nothing is fetched from anywhere.
 */
const SCRIPT = `addEventListener('message', function (e) {
  if (e.source !== parent || typeof e.data !== 'string') return;
  document.open(); document.write(e.data); document.close();
});`;

const HASH = createHash('sha256').update(SCRIPT).digest('base64');

export const PREVIEW_FRAME_POLICY = `default-src 'none'; script-src 'sha256-${HASH}'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'`;

export const PREVIEW_FRAME_PAGE = `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Preview</title><script>${SCRIPT}</script></head><body></body></html>
`;
