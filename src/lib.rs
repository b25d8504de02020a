//! imr-lint: checks Independent Medical Review final determination letters for internal
//! consistency and against the California MTUS treatment guidelines.

pub mod checks;
pub mod diagnostic;
pub mod facts;
pub mod letter;
pub mod normalize;
pub mod rules;
pub mod source;
