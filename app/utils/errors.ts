/** An error the user can fix or must be told about, in Italian, with the HTTP status it deserves. */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 429 = 400,
    readonly field?: string,
  ) {
    super(message);
    this.name = "UserFacingError";
  }
}
