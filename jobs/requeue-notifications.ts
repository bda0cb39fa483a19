// Every minute: messages left pending while Redis was away go back on the delivery queue.
import type { AppDeps } from '../src/infra/deps'
import { requeuePendingNotifications } from '../src/notify'

export const requeueNotificationsJob = (deps: AppDeps) => requeuePendingNotifications(deps)
