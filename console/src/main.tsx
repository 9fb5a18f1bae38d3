import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { gql, type Identity, signOut, whenSignedOut } from './api';
import { graphql } from './gql';
import { AuditPage } from './pages/audit';
import { BoardPage } from './pages/board';
import { ConsultationsPage } from './pages/consultations';
import { HolidaysPage } from './pages/holidays';
import { KeysPage } from './pages/keys';
import { MailPage } from './pages/mail';
import { MeetingsPage } from './pages/meetings';
import { PapersPage } from './pages/papers';
import { ProposalPage } from './pages/proposal';
import { RegisterPage } from './pages/register';
import { SignInPage } from './pages/sign-in';
import { Link, navigate, useLocation } from './router';

const Me = graphql(`
  query Me {
    me { name role }
  }
`);

/** The signed-in person's frame: who they are, where they can go, and signing out. */
function Layout({ who, children }: { who: Identity; children: preact.ComponentChildren }) {
  return (
    <>
      <a class="skip" href="#main">Skip to the page</a>
      <header class="top">
        <p class="brand">SEC modification tracker</p>
        <nav aria-label="Console">
          <ul>
            <li><Link href="/register">Register</Link></li>
            <li><Link href="/board">SLA board</Link></li>
            <li><Link href="/meetings">Meetings</Link></li>
            <li><Link href="/consultations">Consultations and releases</Link></li>
            <li><Link href="/papers">Papers</Link></li>
            <li><Link href="/holidays">Holidays</Link></li>
            {who.role === 'ADMIN' && <li><Link href="/mail">Mail</Link></li>}
            {who.role === 'ADMIN' && <li><Link href="/keys">API keys</Link></li>}
            {who.role === 'ADMIN' && <li><Link href="/audit">Audit log</Link></li>}
            {who.role === 'ADMIN' && <li><a href="/admin/queues">Queue dashboard</a></li>}
          </ul>
        </nav>
        <p class="who">Signed in as <strong>{who.name}</strong> ({who.role})</p>
        <button type="button" onClick={async () => {
          await signOut();
          navigate('/sign-in');
        }}>Sign out</button>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </>
  );
}

function App() {
  const url = useLocation();
  const [who, setWho] = useState<Identity | null | undefined>(undefined);
  const [why, setWhy] = useState<string | null>(null);

  useEffect(() => {
    whenSignedOut((reason) => {
      // Said only to someone who was signed in: a first visit just asks for a key.
      setWho((before) => {
        if (before) setWhy(reason);
        return null;
      });
      void signOut();
      navigate(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
    });
  }, []);
  useEffect(() => {
    if (url.pathname === '/sign-in') return;
    if (who) return;
    gql(Me).then((r) => setWho(r.me), () => undefined);
  }, [url.pathname, who]);

  if (url.pathname === '/sign-in' || who === null) {
    return <SignInPage why={why} onSignedIn={(identity) => {
      setWho(identity);
      setWhy(null);
      const next = url.searchParams.get('next');
      const to = next && next.startsWith('/') && !next.startsWith('//') ? next : '/register';
      // The GraphQL IDE is a page of its own, not one the console draws: load it.
      if (to === '/graphql') location.assign(to);
      else navigate(to);
    }} />;
  }
  if (who === undefined) return <p role="status">Loading…</p>;
  const proposal = /^\/proposals\/([^/]+)$/.exec(url.pathname);
  return (
    <Layout who={who}>
      {proposal ? <ProposalPage reference={decodeURIComponent(proposal[1]!)} asOf={url.searchParams.get('asOf')} who={who} />
        : url.pathname === '/board' ? <BoardPage url={url} who={who} />
        : url.pathname === '/papers' ? <PapersPage who={who} />
        : url.pathname === '/meetings' ? <MeetingsPage url={url} who={who} />
        : url.pathname === '/keys' ? <KeysPage />
        : url.pathname === '/consultations' ? <ConsultationsPage url={url} who={who} />
        : url.pathname === '/holidays' ? <HolidaysPage url={url} who={who} />
        : url.pathname === '/audit' ? <AuditPage url={url} />
        : url.pathname === '/mail' ? <MailPage url={url} />
        : <RegisterPage url={url} who={who} />}
    </Layout>
  );
}

render(<App />, document.getElementById('app')!);
