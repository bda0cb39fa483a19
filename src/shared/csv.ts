// CSV in both directions (RFC 4180), pure. Written here rather than pulled in: the whole job is
// quoting, one state machine and one guard, and the guard is the part that matters.

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe, so an exported "=HYPERLINK(…)" from a customer's name stays text (OWASP CSV
 * injection). A plain number stays as it is, signed or not ("+14155550101", "-5"): a spreadsheet
 * reads it as a number and runs nothing, and a phone number must survive a round trip.
 */
export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return ''
  if (typeof v !== 'string') return String(v)
  const safe = /^[=+\-@\t\r]/.test(v) && !/^[+-]?\d+(\.\d+)?$/.test(v) ? `'${v}` : v
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

export const csvLine = (cells: (string | number | boolean | null | undefined)[]) =>
  `${cells.map(csvCell).join(',')}\r\n`

/**
 * Parses a whole CSV text into rows of cells. Quoted fields may hold commas, quotes ("") and
 * line breaks; CRLF and LF both end a row; a byte-order mark is ignored; blank lines are
 * skipped. Returns the 1-based line where each row started, for error messages.
 */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let rowLine = 1
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const endRow = () => {
    cells.push(cell)
    if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells })
    cells = []
    cell = ''
  }
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else {
        if (c === '\n') line++
        cell += c
      }
      continue
    }
    if (c === '"' && cell === '') quoted = true
    else if (c === ',') {
      cells.push(cell)
      cell = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++
      endRow()
      line++
      rowLine = line
    } else cell += c
  }
  if (cell !== '' || cells.length) endRow()
  return rows
}
