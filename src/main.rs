fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let src = imr_lint::source::Source::read(std::path::Path::new(&path)).expect("read");
    let doc = imr_lint::letter::Document::parse(src).expect("letter");
    println!("{}", serde_json::to_string_pretty(&doc.to_json()).unwrap());
}
