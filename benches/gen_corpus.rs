//! Writes a deterministic corpus of varied IMR letters derived from `fixtures/letters/`,
//! for the throughput benchmark (`benches/bench.sh`). Not a Criterion bench: run it as
//!
//! ```text
//! cargo bench --bench gen_corpus -- N [OUT]      (default OUT: target/corpus-N)
//! ```
//!
//! Letter `i` is the same whatever `N` is: each letter takes a sample letter, shuffles its
//! items, borrows items from the other samples, varies ages, dates (every year of the letter
//! shifted by the same amount), quantities, brand names of the same drug, the reviewer's
//! state and specialty, and the layout (double or single spaced, LF or CRLF). Letters go in
//! folders of 1,000; the mean size is about 11 KB, so 20,000 letters are about 220 MB.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use regex::{Captures, Regex};

/// splitmix64: small, fast, deterministic on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x1234_5678_9ABC_DEF0)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// A sample letter cut into the text before its first item and its item blocks.
struct Sample {
    head: String,
    items: Vec<String>,
}

/// Cuts a letter at its item headers (`...: Upheld`); each block starts at the whitespace-only
/// separator line before its header, so headers that wrap over two lines stay whole.
fn cut(text: &str, header: &Regex) -> Sample {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut starts = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if header.is_match(line.trim_end()) {
            let mut s = i;
            while s > 0 && !(lines[s - 1].trim().is_empty() && lines[s - 1].starts_with(' ')) {
                s -= 1;
            }
            starts.push(s.saturating_sub(1));
        }
    }
    starts.dedup();
    let Some(&first) = starts.first() else {
        return Sample {
            head: text.to_string(),
            items: Vec::new(),
        };
    };
    let head = lines[..first].concat();
    let mut items = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(lines.len());
        let mut block = lines[s..e].concat();
        if !block.ends_with("\n\n") {
            block.push_str("\n\n");
        }
        items.push(block);
    }
    Sample { head, items }
}

struct Variations {
    age: Regex,
    numeric_date: Regex,
    month_date: Regex,
    quantity: Regex,
    licensure: Regex,
    specialty: Regex,
    brands: Vec<(Regex, &'static [&'static str])>,
}

const STATES: &[&str] = &[
    "California",
    "Maryland",
    "Texas",
    "New York",
    "Oregon",
    "Ohio",
    "Florida",
    "Washington",
    "Arizona",
    "Illinois",
];
const SPECIALTIES: &[&str] = &[
    "Internal Medicine, Rheumatology",
    "Anesthesiology, Pain Medicine",
    "Physical Medicine & Rehabilitation",
    "Orthopedic Surgery",
    "Family Medicine",
    "Occupational Medicine",
    "Neurology, Pain Management",
];

impl Variations {
    fn new() -> Variations {
        let brand = |names: &'static [&'static str]| {
            let alt = names.join("|");
            (
                Regex::new(&format!(r"(?i)\b(?:{alt})\b")).expect("brand regex"),
                names,
            )
        };
        Variations {
            age: Regex::new(r"\b(\d{2})( |-)year( |-)old").expect("age regex"),
            numeric_date: Regex::new(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b").expect("date"),
            month_date: Regex::new(
                r"\b(January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2}), (\d{4})\b",
            )
            .expect("month date regex"),
            quantity: Regex::new(r"#(\d{1,3})\b").expect("quantity regex"),
            licensure: Regex::new(r"(State\(s\) of Licensure: )[^\r\n]*").expect("licensure"),
            specialty: Regex::new(r"(Certification\(s\)/Specialty: )[^\r\n]*").expect("spec"),
            brands: vec![
                brand(&["Norco", "Vicodin", "Lortab"]),
                brand(&["Flexeril", "Amrix", "Fexmid"]),
                brand(&["Percocet", "Endocet", "Roxicet"]),
                brand(&["Ultram", "Ryzolt", "ConZip"]),
            ],
        }
    }

    fn apply(&self, text: &str, rng: &mut Rng) -> String {
        let years: i32 = rng.below(9) as i32 - 4;
        let mut t = self
            .age
            .replace_all(text, |c: &Captures| {
                format!("{}{}year{}old", 25 + rng.below(55), &c[2], &c[3])
            })
            .into_owned();
        t = self
            .numeric_date
            .replace_all(&t, |c: &Captures| {
                let y: i32 = c[3].parse().unwrap_or(0);
                let y = if c[3].len() == 2 {
                    format!("{:02}", (y + years).rem_euclid(100))
                } else {
                    (y + years).to_string()
                };
                format!("{}/{}/{}", &c[1], &c[2], y)
            })
            .into_owned();
        t = self
            .month_date
            .replace_all(&t, |c: &Captures| {
                let y: i32 = c[3].parse().unwrap_or(2014);
                format!("{} {}, {}", &c[1], &c[2], y + years)
            })
            .into_owned();
        let factor = *rng.pick(&[1usize, 1, 1, 2, 3]);
        t = self
            .quantity
            .replace_all(&t, |c: &Captures| {
                let q: usize = c[1].parse().unwrap_or(1);
                format!("#{}", (q * factor).clamp(1, 999))
            })
            .into_owned();
        let state = rng.pick(STATES);
        t = self
            .licensure
            .replace_all(&t, |c: &Captures| format!("{}{} ", &c[1], state))
            .into_owned();
        let specialty = rng.pick(SPECIALTIES);
        t = self
            .specialty
            .replace_all(&t, |c: &Captures| format!("{}{} ", &c[1], specialty))
            .into_owned();
        for (re, names) in &self.brands {
            let name = rng.pick(names);
            t = re.replace_all(&t, *name).into_owned();
        }
        t
    }
}

/// Drops the empty line that follows every line (as `fixtures/layouts/make.py` does).
fn single_spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev_empty = true;
    for line in text.split('\n') {
        if line.is_empty() && !prev_empty {
            prev_empty = true;
            continue;
        }
        out.push_str(line);
        out.push('\n');
        prev_empty = line.is_empty();
    }
    out.pop();
    out
}

fn letter(i: u64, samples: &[Sample], vars: &Variations) -> String {
    let mut rng = Rng::new(i);
    let base = &samples[rng.below(samples.len())];
    let mut items: Vec<&str> = base.items.iter().map(String::as_str).collect();
    let borrowed = *rng.pick(&[0usize, 1, 1, 2, 2, 3]);
    for _ in 0..borrowed {
        let other = rng.pick(samples);
        if !other.items.is_empty() {
            items.push(rng.pick(&other.items).as_str());
        }
    }
    if rng.chance(70) {
        for k in (1..items.len()).rev() {
            items.swap(k, rng.below(k + 1));
        }
    }
    let mut text = base.head.clone();
    for item in items {
        text.push_str(item);
    }
    let mut text = vars.apply(&text, &mut rng);
    if rng.chance(35) {
        text = single_spaced(&text);
    }
    if rng.chance(25) {
        text = text.replace('\n', "\r\n");
    }
    text
}

fn main() -> std::io::Result<()> {
    // `cargo bench` passes `--bench`; take the first two other arguments.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let n: u64 = args.first().and_then(|a| a.parse().ok()).unwrap_or(2000);
    let out = args
        .get(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(format!("target/corpus-{n}")));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let header = Regex::new(r"(?i):\s*(Upheld|Overturned)$").expect("header regex");
    let mut names: Vec<PathBuf> = fs::read_dir(root.join("fixtures/letters"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let samples: Vec<Sample> = names
        .iter()
        .map(|p| fs::read_to_string(p).map(|t| cut(&t, &header)))
        .collect::<Result<_, _>>()?;
    let vars = Variations::new();
    let mut bytes = 0u64;
    for i in 0..n {
        let dir = out.join(format!("d{:03}", i / 1000));
        if i % 1000 == 0 {
            fs::create_dir_all(&dir)?;
        }
        let text = letter(i, &samples, &vars);
        bytes += text.len() as u64;
        let mut f = fs::File::create(dir.join(format!("letter-{i:06}.txt")))?;
        f.write_all(text.as_bytes())?;
    }
    println!(
        "wrote {n} letters, {:.1} MB (mean {:.1} KB), to {}",
        bytes as f64 / 1e6,
        bytes as f64 / n.max(1) as f64 / 1e3,
        out.display()
    );
    Ok(())
}
