// Front door of occasions: points given for a moment in a member's life rather than a sale.
export { birthdaysOn, grantBirthdayGifts } from './grant-birthday-gifts'
