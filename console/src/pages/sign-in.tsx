import { useEffect, useRef, useState } from 'preact/hooks';
import { type Identity, problemOf, signIn } from '../api';

/** Signing in with an API key: the key goes to the API once; the browser keeps only a session cookie it cannot read. */
export function SignInPage({ why, onSignedIn }: { why: string | null; onSignedIn: (who: Identity) => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    document.title = 'Sign in · SEC modification tracker';
    input.current?.focus();
  }, []);
  return (
    <main id="main" class="sign-in">
      <h1>Sign in to the SEC modification tracker</h1>
      {why && <p class="notice" role="status">You were signed out: {why}</p>}
      <form onSubmit={async (e) => {
        e.preventDefault();
        const key = input.current?.value ?? '';
        setBusy(true);
        setProblem(null);
        try {
          onSignedIn(await signIn(key));
        } catch (err) {
          setProblem(problemOf(err));
        } finally {
          setBusy(false);
        }
      }}>
        <label for="key">API key</label>
        <input id="key" name="key" type="password" autocomplete="off" required ref={input} aria-describedby="key-help" />
        <p id="key-help" class="help">The key SECAS gave you. What you can see and do here is what that key may do through the API.</p>
        {problem && <p class="problem" role="alert">{problem}</p>}
        <button type="submit" disabled={busy}>Sign in</button>
      </form>
    </main>
  );
}
