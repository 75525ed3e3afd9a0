// Roadie's provider's declarations import nunjucks' Environment, and
// nunjucks ships no types; the bench never touches it, so an opaque class is
// enough for the repository's type-checks.
declare module 'nunjucks' {
  export class Environment {}
}
