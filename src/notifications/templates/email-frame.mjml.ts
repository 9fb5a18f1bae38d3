import { escapeHtml as e } from './escape';

export interface EmailFrame {
  subject: string;
  width: number;
  /** The small line above the heading: "SEC modification digest for DCC". */
  kicker: string;
  heading: string;
  /** MJML for the white body column, already escaped. */
  body: string;
  /** The small print under the body. */
  footer: string;
}

/** The one look of every email the service sends (the digests, the report): a navy band, a white body, small print. */
export function emailFrame(f: EmailFrame): string {
  return `<mjml>
  <mj-head>
    <mj-title>${e(f.subject)}</mj-title>
    <mj-preview>${e(f.subject)}</mj-preview>
    <mj-attributes><mj-all font-family="Segoe UI, Helvetica, Arial, sans-serif" /></mj-attributes>
  </mj-head>
  <mj-body width="${f.width}px" background-color="#f3f5f7">
    <mj-section background-color="#1d3b5a" padding="14px 0">
      <mj-column>
        <mj-text color="#ffffff" font-size="13px" padding="0 24px">${e(f.kicker)}</mj-text>
        <mj-text color="#ffffff" font-size="20px" font-weight="bold" padding="4px 24px 0 24px">${e(f.heading)}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="6px 0 18px 0">
      <mj-column>
        ${f.body}
      </mj-column>
    </mj-section>
    <mj-section padding="8px 0">
      <mj-column>
        <mj-text font-size="11px" color="#4a5560" padding="0 24px">${e(f.footer)}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}
