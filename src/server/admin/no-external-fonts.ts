import type { RequestHandler } from 'express';

/**
 * Bull Board's page links Google Fonts; the service fetches nothing from the network and lets no
 * page of its own do so. Its HTML is sent without that link (the dashboard falls back to the
 * system's fonts), and a policy forbids fonts and styles from elsewhere should a later version
 * add another.
 */
const GOOGLE_FONTS = /<link[^>]+fonts\.(googleapis|gstatic)\.com[^>]*>\s*/g;

export const noExternalFonts: RequestHandler = (_req, res, next) => {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    if (typeof body === 'string' && /^\s*<!DOCTYPE html>/i.test(body)) {
      res.setHeader('Content-Security-Policy', "font-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
      return send(body.replace(GOOGLE_FONTS, ''));
    }
    return send(body);
  };
  next();
};
