import { useEffect, useState } from 'preact/hooks';
import { ActionForm } from '../action-form';
import { gql, type Identity, problemOf } from '../api';
import { formatDate } from '../format';
import { graphql } from '../gql';
import type { HolidaysQuery } from '../gql/graphql';
import { navigate } from '../router';

const Holidays = graphql(`query Holidays($year: Int!) { holidays(year: $year) { date name addedByAdmin } }`);
const AddHoliday = graphql(`mutation AddHoliday($date: LocalDate!, $name: String!) { addHoliday(date: $date, name: $name) }`);
const RemoveHoliday = graphql(`mutation RemoveHoliday($date: LocalDate!) { removeHoliday(date: $date) }`);

/**
 * The days that are no Working Day besides weekends, a year at a time: England and Wales's bank
 * holidays, and those SECAS added. SECAS adds or removes one; every target and deadline it moves
 * is recomputed by the API.
 */
export function HolidaysPage({ url, who }: { url: URL; who: Identity }) {
  const year = Number(url.searchParams.get('year') ?? new Date().getFullYear());
  const [days, setDays] = useState<HolidaysQuery['holidays'] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const reread = () => setVersion((v) => v + 1);
  useEffect(() => {
    document.title = `Holidays ${year} · SEC modification tracker`;
    gql(Holidays, { year }).then((r) => (setDays(r.holidays), setProblem(null)), (err) => setProblem(problemOf(err)));
  }, [year, version]);

  return (
    <>
      <h1>Holidays in {year}</h1>
      <form class="filters" onSubmit={(e) => {
        e.preventDefault();
        navigate(`/holidays?year=${(e.currentTarget.elements.namedItem('year') as HTMLInputElement).value}`);
      }}>
        <div>
          <label for="year">Year</label>
          <input id="year" name="year" type="number" min={2000} max={2100} value={year} />
        </div>
        <button type="submit">Show</button>
      </form>
      {who.role === 'ADMIN' && (
        <ActionForm id="add-holiday" label="Add a holiday" confirm="Add it" onDone={reread} fields={[
          { name: 'date', label: 'Day', type: 'date', required: true },
          { name: 'name', label: 'Name', required: true, help: 'e.g. Bank holiday for the Coronation' },
        ]} submit={async (v) => (await gql(AddHoliday, { date: String(v.date), name: String(v.name) }), 'Added; targets and deadlines are being recomputed')} />
      )}
      {problem && <p class="problem" role="alert">{problem}</p>}
      {days && (
        <table>
          <caption class="visually-hidden">Holidays in {year}</caption>
          <thead><tr><th scope="col">Day</th><th scope="col">Name</th><th scope="col">Source</th>{who.role === 'ADMIN' && <th scope="col">Actions</th>}</tr></thead>
          <tbody>{days.map((h) => (
            <tr>
              <th scope="row">{formatDate(h.date)}</th>
              <td>{h.name}</td>
              <td>{h.addedByAdmin ? 'Added by SECAS' : 'Bank holiday (England and Wales)'}</td>
              {who.role === 'ADMIN' && (
                <td><ActionForm id={`remove-${h.date}`} label={`Remove ${formatDate(h.date)}`} confirm="Remove it: a Working Day again" fields={[]} onDone={reread}
                  submit={async () => (await gql(RemoveHoliday, { date: h.date }), 'Removed')} /></td>
              )}
            </tr>
          ))}</tbody>
        </table>
      )}
    </>
  );
}
