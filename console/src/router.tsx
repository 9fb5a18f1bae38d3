import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** The console's addresses: every page has its own URL, and the browser's back and forward work. */
export function navigate(to: string): void {
  history.pushState(null, '', to);
  dispatchEvent(new PopStateEvent('popstate'));
}

export function useLocation(): URL {
  const [url, setUrl] = useState(() => new URL(location.href));
  useEffect(() => {
    const changed = () => setUrl(new URL(location.href));
    addEventListener('popstate', changed);
    return () => removeEventListener('popstate', changed);
  }, []);
  return url;
}

/** A link that moves within the console without reloading it (a real link still: open it in a new tab). */
export function Link({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <a href={href} onClick={(e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      navigate(href);
    }}>{children}</a>
  );
}
