// Hourly: birthday gifts for every shop whose day has begun (src/occasions).
import type { AppDeps } from '../src/infra/deps'
import { grantBirthdayGifts } from '../src/occasions'

export const birthdayGiftsJob = (deps: AppDeps) => grantBirthdayGifts(deps)
