//! Converts the embedded rule set (`rules/mtus.yaml`) to JSON at build time: the loader
//! parses the JSON when it is given the embedded YAML unchanged, and JSON parses several
//! times faster than YAML, which a one-letter run pays for before it can lint. A rule file
//! that is not YAML fails the build.

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=rules/mtus.yaml");
    let yaml = std::fs::read_to_string("rules/mtus.yaml").expect("read rules/mtus.yaml");
    let value: serde_yaml::Value = serde_yaml::from_str(&yaml).expect("rules/mtus.yaml is YAML");
    let json = serde_json::to_string(&value).expect("rules/mtus.yaml converts to JSON");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("mtus.json"), json).expect("write mtus.json");
}
