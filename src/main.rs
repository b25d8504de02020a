fn main() {
    let rules = match imr_lint::rules::RuleSet::builtin() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2)
        }
    };
    for path in std::env::args().skip(1) {
        let src = imr_lint::source::Source::read(std::path::Path::new(&path)).expect("read");
        let doc = imr_lint::letter::Document::parse(src).expect("letter");
        for f in imr_lint::checks::check(&doc, &rules) {
            let (l, c) = doc.source.line_col(f.offset());
            println!("{path}:{l}:{c} {} {} {}", f.severity, f.rule, f.message);
        }
    }
}
