import { BaseLayout } from '../layouts/base'

export type ErrorView = { status: number; title: string; message: string; requestId?: string | undefined }

const titles: Record<number, string> = {
  400: 'That request did not look right',
  401: 'Please sign in',
  403: 'You do not have access to this',
  404: 'We could not find that page',
  409: 'That was already done',
  410: 'This has expired',
  413: 'That is too large',
  422: 'That could not be done',
  429: 'Too many attempts',
  500: 'Something went wrong on our side',
  503: 'We are briefly unavailable',
}

export const errorTitle = (status: number) => titles[status] ?? 'Something went wrong'

/** The fragment form, swapped by htmx into the page (4xx responses swap in htmx 4). */
export function ErrorFragment(p: ErrorView) {
  return (
    <div class="alert alert-error" role="alert">
      <strong safe>{p.title}</strong>
      <p safe>{p.message}</p>
      {p.requestId ? (
        <p class="muted small">
          Reference: <code safe>{p.requestId}</code>
        </p>
      ) : (
        ''
      )}
    </div>
  )
}

export function ErrorPage(p: ErrorView) {
  return (
    <BaseLayout title={p.title}>
      <section class="card narrow center">
        <p class="error-status">{p.status}</p>
        <h1 safe>{p.title}</h1>
        <p safe>{p.message}</p>
        <p>
          <a class="button" href="/">
            Back to start
          </a>
        </p>
        {p.requestId ? (
          <p class="muted small">
            Reference: <code safe>{p.requestId}</code>
          </p>
        ) : (
          ''
        )}
      </section>
    </BaseLayout>
  )
}
