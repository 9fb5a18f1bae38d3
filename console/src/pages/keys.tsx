import { useEffect, useState } from 'preact/hooks';
import { gql, problemOf } from '../api';
import { formatInstant, words } from '../format';
import { graphql } from '../gql';
import type { KeysQuery, Role } from '../gql/graphql';

const Keys = graphql(`query Keys { apiKeys { id name role createdAt lastUsedAt revokedAt expiresAt } }`);
const CreateKey = graphql(`mutation CreateKey($name: String!, $role: Role!) { createApiKey(name: $name, role: $role) { key apiKey { id name role } } }`);
const RevokeKey = graphql(`mutation RevokeKey($id: ID!) { revokeApiKey(id: $id) { id } }`);

/** API keys (ADMIN): make one (its secret shown this once), list them, revoke one. */
export function KeysPage() {
  const [keys, setKeys] = useState<KeysQuery['apiKeys'] | null>(null);
  const [made, setMade] = useState<{ name: string; key: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    document.title = 'API keys · SEC modification tracker';
    gql(Keys).then((r) => (setKeys(r.apiKeys), setProblem(null)), (err) => setProblem(problemOf(err)));
  }, [version]);

  return (
    <>
      <h1>API keys</h1>
      <form class="filters" aria-label="Make a key" onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const name = (form.elements.namedItem('name') as HTMLInputElement).value;
        const role = (form.elements.namedItem('role') as HTMLSelectElement).value as Role;
        try {
          const r = await gql(CreateKey, { name, role });
          setMade({ name: r.createApiKey.apiKey.name, key: r.createApiKey.key });
          form.reset();
          setVersion((v) => v + 1);
        } catch (err) {
          setProblem(problemOf(err));
        }
      }}>
        <div>
          <label for="key-name">Name</label>
          <input id="key-name" name="name" type="text" required placeholder="Who or what it is for" />
        </div>
        <div>
          <label for="key-role">Role</label>
          <select id="key-role" name="role">
            <option value="READER">Reader</option>
            <option value="DCC">DCC</option>
            <option value="ADMIN">Admin</option>
          </select>
        </div>
        <button type="submit">Make the key</button>
      </form>
      {made && (
        <div class="notice" role="status">
          <p>The key for <strong>{made.name}</strong>, shown this once (it is stored only hashed): copy it now.</p>
          <p><code class="secret" aria-label={`The key for ${made.name}`}>{made.key}</code></p>
        </div>
      )}
      {problem && <p class="problem" role="alert">{problem}</p>}
      {keys && (
        <table>
          <caption class="visually-hidden">Every API key, oldest first</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Made</th><th scope="col">Last used</th><th scope="col">Ends</th><th scope="col">Revoke</th></tr></thead>
          <tbody>
            {keys.map((k) => (
              <tr>
                <th scope="row">{k.name}</th>
                <td>{words(k.role)}</td>
                <td>{formatInstant(k.createdAt)}</td>
                <td>{formatInstant(k.lastUsedAt)}</td>
                <td>{k.revokedAt ? `Revoked ${formatInstant(k.revokedAt)}` : k.expiresAt ? formatInstant(k.expiresAt) : 'Never'}</td>
                <td>{k.revokedAt ? '—' : (
                  <button type="button" class="small" aria-label={`Revoke ${k.name}`} onClick={async () => {
                    try {
                      await gql(RevokeKey, { id: k.id });
                      setVersion((v) => v + 1);
                    } catch (err) {
                      setProblem(problemOf(err));
                    }
                  }}>Revoke</button>
                )}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

