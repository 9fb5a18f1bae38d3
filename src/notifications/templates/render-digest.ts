import mjml2html from 'mjml';
import type { Digest } from '../digest';
import { digestMjml } from './digest.mjml';
import { digestSubject } from './digest-subject';
import { digestText } from './digest.text';

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

/** MJML into email HTML; strict, so a template slip fails the render instead of mailing a broken page. */
export async function renderMjml(source: string): Promise<string> {
  const { html } = await mjml2html(source, { validationLevel: 'strict', keepComments: false });
  return html;
}

/** One digest, typed data in, subject, text and escaped HTML out. */
export async function renderDigest(digest: Digest): Promise<RenderedMessage> {
  const subject = digestSubject(digest);
  return { subject, text: digestText(digest, subject), html: await renderMjml(digestMjml(digest, subject)) };
}
