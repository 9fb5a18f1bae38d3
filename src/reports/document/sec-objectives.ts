/**
 * The SEC Objectives (Section C1 of the Code) a vote may cite, as the Change Status Report
 * footnotes them: (a), (c), (f) and (g) in the April 2021 paper's own words.
 */
const OBJECTIVES: Record<string, string> = {
  a: "Facilitate the efficient provision, installation, operation and interoperability of smart metering systems at energy consumers' premises within Great Britain",
  b: 'Enable the DCC to comply at all times with the General Objectives of the DCC (as defined in the DCC Licence), and to efficiently discharge the other obligations imposed upon it by the DCC Licence',
  c: "Facilitate energy consumers' management of their use of electricity and gas through the provision of appropriate information via smart metering systems",
  d: 'Facilitate effective competition between persons engaged in, or in commercial activities connected with, the supply of energy',
  e: 'Facilitate such innovation in the design and operation of energy networks (as defined in the DCC Licence) as will best contribute to the delivery of a secure and sustainable supply of energy',
  f: 'Ensure the protection of data and the security of data and systems in the operation of the SEC',
  g: 'Facilitate the efficient and transparent administration and implementation of the SEC',
};

/** "SEC Objective (a): Facilitate the efficient provision, …" — the footnote a cited objective gets. */
export function objectiveFootnote(letter: string): string {
  const words = OBJECTIVES[letter];
  return words ? `SEC Objective (${letter}): ${words}.` : `SEC Objective (${letter}), as Section C1 of the Code words it.`;
}
