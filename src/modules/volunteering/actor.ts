/** Who does a volunteering command, where, and the submission key that makes it happen once. */

export interface Actor {
  placeId: string;
  actorId: string;
  formKey?: string;
}
