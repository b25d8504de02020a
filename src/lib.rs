//! imr-lint: checks Independent Medical Review final determination letters for internal
//! consistency and against the California MTUS treatment guidelines.

pub mod facts;
pub mod letter;
pub mod normalize;
pub mod source;
