//! imr-lint checks Independent Medical Review (IMR) final determination letters for
//! internal consistency and against the California MTUS treatment guidelines.
//!
//! The flow for one letter: [`source`] decodes bytes (a PDF through [`pdf`]), [`normalize`]
//! cleans extraction noise keeping an offset map, [`letter`] parses sections and items,
//! [`facts`] extracts what the text says with the phrase lists of a [`rules::RuleSet`],
//! [`checks`] runs its rules, and [`report`] writes the findings. [`lint`] runs that flow
//! over files and folders in parallel, and [`cli`] is the command line. Each module uses
//! only the stages before it in that order ([`text`] helpers below them all); the README's
//! Architecture section has the table, and `tests/layers.rs` holds the code to it.

pub mod baseline;
pub mod checks;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod explain;
pub mod facts;
pub mod init;
pub mod letter;
pub mod lint;
pub mod normalize;
pub mod pdf;
pub mod report;
pub mod rules;
pub mod score;
pub mod source;
pub mod text;

/// Compiles the built-in text patterns (a few milliseconds). The command line runs this on
/// a second thread as it starts, so a one-letter run does not pay for all of it on its
/// critical path. It goes backwards through a letter's lint (checks, facts, then parsing)
/// while the linting thread compiles what it needs from the front; no pattern is compiled
/// twice.
pub fn warm_up() {
    checks::warm();
    facts::warm();
    letter::warm();
    normalize::warm();
}
