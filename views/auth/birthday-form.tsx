// The consumer's birthday, for shops that give a birthday gift. Optional, month and day only;
// saving swaps just this form.
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

export function BirthdayForm(p: { birthday: string | null; saved?: boolean; error?: string }) {
  const [month = '', day = ''] = p.birthday ? p.birthday.split('-') : []
  return (
    <form
      id="birthday-form"
      method="post"
      action="/account/birthday"
      hx-post="/account/birthday"
      hx-target="this"
      hx-swap="outerHTML"
      class="card"
    >
      <h2>Birthday</h2>
      <p class="muted small">
        Shops with a birthday gift add points on your birthday. Only the month and day; leave empty to remove it.
      </p>
      <label for="birthday-month">Month</label>
      <select id="birthday-month" name="month">
        <option value="">—</option>
        {MONTHS.map((m, i) => {
          const v = String(i + 1).padStart(2, '0')
          return (
            <option value={v} selected={v === month} safe>
              {m}
            </option>
          )
        })}
      </select>
      <label for="birthday-day">Day</label>
      <input id="birthday-day" name="day" inputmode="numeric" maxlength="2" value={day} />
      <button type="submit">Save birthday</button>
      {p.error ? (
        <p class="field-error" role="alert" safe>
          {p.error}
        </p>
      ) : (
        ''
      )}
      {p.saved ? (
        <p class="alert alert-ok" role="status">
          Saved.
        </p>
      ) : (
        ''
      )}
    </form>
  )
}
