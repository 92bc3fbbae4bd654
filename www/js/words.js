/**
 * Engine sentences as the page shows them. The engine cites the team's fact base by rule
 * number ("(R3)", "(R2, PR)"); a student has no such list, so the page drops the numbers and
 * keeps the words (the CLI keeps them for the engineers). Issue 11 item 10.
 */

const RULE = String.raw`(?:R\d+(?:-R\d+)?|PR)`;
/** A parenthesis that holds only rule numbers: " (R3)", " (R2, PR)", " (R17-R19)". */
const ONLY_RULES = new RegExp(String.raw`\s*\(${RULE}(?:,\s*${RULE})*\)`, 'g');
/** Rule numbers after words inside a parenthesis: "(no edge-to-edge routing, R18)". */
const TRAILING_RULES = new RegExp(String.raw`(?:,\s*${RULE})+\)`, 'g');
/** A rule number that leads a parenthesis: "(R28: a BGP prefix)". */
const LEADING_RULE = new RegExp(String.raw`\(${RULE}:\s*`, 'g');

/**
 * The sentence without the fact base's rule numbers.
 * @param {string|null|undefined} text
 */
export function withoutRuleNumbers(text) {
  return String(text ?? '').replace(ONLY_RULES, '').replace(TRAILING_RULES, ')').replace(LEADING_RULE, '(');
}
