//! The `imr-lint` command line: everything is in the library ([`imr_lint::cli`]).

use std::process::ExitCode;

/// Linting allocates many small strings and vectors per letter; mimalloc serves them faster
/// than the system allocator, notably across worker threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    imr_lint::cli::main()
}
