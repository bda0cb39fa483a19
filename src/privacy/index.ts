// Front door of privacy: erasing a person everywhere their contact details live.
export { erasePerson } from './erase-person'
