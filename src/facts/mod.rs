//! Facts extracted from a parsed letter: requests, determinations, pages, dates, pain
//! scores, drug identities and doses. Checks read facts; they never re-parse text.

pub mod request;
