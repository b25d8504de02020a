//! The HTML report (`--format html`): made by the real binary from the sample letters, its
//! bytes checked (self-contained, deterministic), then opened in headless Chromium, where
//! the overview, the letters table and a letter view with its findings marked are checked
//! as a user would see them, and screenshots are written.

#[path = "browser/cdp.rs"]
mod cdp;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::json;
use tempfile::TempDir;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `imr-lint --isolated --format html -o OUT paths..` and returns the page.
fn report(out: &Path, paths: &[&str]) -> String {
    let status = Command::cargo_bin("imr-lint")
        .unwrap()
        .current_dir(root())
        .args(["--isolated", "--format", "html", "-o"])
        .arg(out)
        .args(paths)
        .output()
        .unwrap();
    assert!(
        matches!(status.status.code(), Some(0..=2)),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    fs::read_to_string(out).unwrap()
}

#[test]
fn the_page_is_self_contained_and_deterministic() {
    let dir = TempDir::new().unwrap();
    let a = report(&dir.path().join("a.html"), &["fixtures/letters"]);
    let b = report(&dir.path().join("b.html"), &["fixtures/letters"]);
    assert_eq!(a, b, "same input, same bytes");
    assert!(a.starts_with("<!DOCTYPE html>"));
    assert!(a.contains("default-src 'none'"), "a CSP forbids fetching");
    for fetch in ["http://", "https://", "<link", "src=\"", "@import", "url("] {
        let hits: Vec<&str> = a
            .match_indices(fetch)
            .map(|(i, _)| &a[i..(i + 60).min(a.len())])
            .collect();
        // The SVG namespace is a name, not a fetch.
        assert!(
            hits.iter()
                .all(|h| h.starts_with("http://www.w3.org/2000/svg")),
            "{fetch}: {hits:?}"
        );
    }
    assert!(a.contains(r#"<dd id="count-letters">5</dd>"#));
    assert!(a.contains(r#"<dd id="count-errors">1</dd>"#));
    assert!(a.contains("<caption>By reviewer specialty</caption>"));
    assert!(a.contains("consistency/outcome-mismatch"));
}

#[test]
fn unreadable_files_are_listed_with_their_reason() {
    let dir = TempDir::new().unwrap();
    let letters = dir.path().join("letters");
    fs::create_dir(&letters).unwrap();
    fs::copy(
        root().join("fixtures/letters/004_fcd2ca5e482aece7.txt"),
        letters.join("004.txt"),
    )
    .unwrap();
    fs::write(letters.join("empty.txt"), "").unwrap();
    fs::write(letters.join("notes.txt"), "Lunch order: two sandwiches.\n").unwrap();
    let page = report(&dir.path().join("r.html"), &[letters.to_str().unwrap()]);
    assert!(page.contains(r#"<dd id="count-failed">2</dd>"#));
    assert!(page.contains("empty.txt</td>"), "the empty file is named");
    assert!(page.contains("not an IMR letter"), "with its reason");
}

#[test]
fn case_numbers_and_item_groups_reach_the_page() {
    let dir = TempDir::new().unwrap();
    let letter = dir.path().join("cm14.txt");
    let text =
        fs::read_to_string(root().join("fixtures/letters/004_fcd2ca5e482aece7.txt")).unwrap();
    fs::write(
        &letter,
        format!(" Case Number: CM14-0094418  Date Assigned: 5/1/2014\n{text}"),
    )
    .unwrap();
    let page = report(&dir.path().join("r.html"), &[letter.to_str().unwrap()]);
    let data = page
        .split("<script type=\"application/json\" id=\"imr-data\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .unwrap();
    let data: serde_json::Value = serde_json::from_str(data).unwrap();
    assert_eq!(data["rows"][0][1], json!("CM14-0094418"));
    assert_eq!(data["rows"][0][2], json!(14), "items");
    // Opana is an opioid; a follow-up with a surgeon is a visit; the cervical epidural an injection.
    let class = page.split("id=\"decisions-class\"").nth(1).unwrap();
    assert!(class.contains("<th scope=\"row\">opioid</th>"), "{class}");
    let service = page.split("id=\"decisions-service\"").nth(1).unwrap();
    for kind in [
        "medication",
        "visit or referral",
        "injection",
        "physical medicine",
    ] {
        assert!(
            service.contains(&format!("<th scope=\"row\">{kind}</th>")),
            "{kind}"
        );
    }
    let specialty = page.split("id=\"decisions-specialty\"").nth(1).unwrap();
    assert!(
        specialty.contains("<th scope=\"row\">Occupational Medicine</th><td class=\"num\">14</td>")
    );
}

/// Chromium for the browser test, or `None` when `IMR_LINT_NO_BROWSER` is set; a
/// missing browser otherwise fails the test (CI installs Debian's `chromium`).
fn chromium() -> Option<PathBuf> {
    if std::env::var_os("IMR_LINT_NO_BROWSER").is_some() {
        eprintln!("IMR_LINT_NO_BROWSER is set: the browser test is skipped");
        return None;
    }
    Some(cdp::find_chromium().expect(
        "no Chromium found: install it (apt-get install chromium), name it with CHROMIUM=..., \
         or set IMR_LINT_NO_BROWSER=1 to skip the browser test",
    ))
}

/// Where screenshots go: `$IMR_LINT_SCREENSHOTS`, else `target/screenshots`.
fn screenshot_dir() -> PathBuf {
    let dir = std::env::var_os("IMR_LINT_SCREENSHOTS")
        .map_or_else(|| root().join("target/screenshots"), PathBuf::from);
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_report_works_in_chromium() {
    let Some(chromium) = chromium() else { return };
    let dir = TempDir::new().unwrap();
    let page = dir.path().join("report.html");
    report(&page, &["fixtures/letters"]);
    let mut b = cdp::Browser::start(&chromium, &dir.path().join("profile"));
    b.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false}),
    );
    let url = format!("file://{}", page.display());
    b.call("Page.navigate", json!({"url": url}));
    b.wait_for("the page to load", |e| e["method"] == "Page.loadEventFired");

    // The overview: counts and the chart.
    assert_eq!(
        b.eval("document.getElementById('count-letters').textContent"),
        json!("5")
    );
    assert_eq!(
        b.eval("document.getElementById('count-items').textContent"),
        json!("28")
    );
    assert_eq!(
        b.eval("document.getElementById('count-errors').textContent"),
        json!("1")
    );
    assert_eq!(
        b.eval("document.getElementById('count-warnings').textContent"),
        json!("10")
    );
    let bars = b.eval(
        "[...document.querySelectorAll('#chart-rules g.bar')].map(g => \
         [g.querySelector('text').textContent, g.querySelector('rect').getBoundingClientRect().width > 0])",
    );
    let bars = bars.as_array().unwrap();
    assert!(bars.len() >= 5, "{bars:?}");
    assert!(
        bars.iter().all(|b| b[1] == json!(true)),
        "every bar is drawn: {bars:?}"
    );
    assert!(bars.contains(&json!(["consistency/outcome-mismatch", true])));
    fs::write(
        screenshot_dir().join("html-overview.png"),
        b.screenshot(false),
    )
    .unwrap();

    // The letters table: a row per letter; filters narrow it.
    assert_eq!(
        b.eval("document.querySelectorAll('#letters-table tbody tr').length"),
        json!(5)
    );
    b.eval("(() => { const s = document.getElementById('f-sev'); s.value = 'error'; s.dispatchEvent(new Event('change')); })()");
    assert_eq!(
        b.eval("document.querySelectorAll('#letters-table tbody tr').length"),
        json!(1)
    );
    assert_eq!(
        b.eval("document.getElementById('match-count').textContent"),
        json!("1 of 5 letters shown")
    );

    // A click on the row opens the letter view with its findings marked.
    b.click("#letters-table tbody a[href='#letter-4']");
    b.wait_until(
        "document.querySelectorAll('#letter-text mark.hl').length > 0",
        20,
    );
    assert_eq!(
        b.eval("document.getElementById('letter-h').textContent"),
        json!("fixtures/letters/004_fcd2ca5e482aece7.txt")
    );
    let error_mark = b.eval(
        "[...document.querySelectorAll('#letter-text mark.hl.sev-error')].map(m => m.textContent).join('|')",
    );
    assert!(
        error_mark.as_str().unwrap().contains("Overturned"),
        "{error_mark}"
    );
    let findings = b.eval("document.querySelectorAll('#finding-list .finding').length");
    assert!(findings.as_u64().unwrap() >= 5, "{findings}");

    // Clicking a finding marks its spans as the current one.
    let k = b.eval(
        "[...document.querySelectorAll('#finding-list .finding')].findIndex(f => f.textContent.includes('consistency/outcome-mismatch'))",
    );
    b.click(&format!("#finding-{k} h4 button"));
    b.wait_until(
        "document.querySelectorAll('#letter-text mark.current').length > 0",
        10,
    );
    let current = b.eval(
        "[...document.querySelectorAll('#letter-text mark.current')].map(m => m.textContent).join('|')",
    );
    assert!(
        current.as_str().unwrap().contains("Overturned"),
        "{current}"
    );
    let finding = b.eval("document.querySelector('.finding.current').textContent");
    let finding = finding.as_str().unwrap();
    assert!(
        finding.contains("citation: Labor Code 4610.6(h)"),
        "{finding}"
    );
    assert!(finding.contains("help:"), "{finding}");
    // The rule's explanation is one click away.
    b.click(&format!("#finding-{k} details summary"));
    assert_eq!(
        b.eval(&format!(
            "document.querySelector('#finding-{k} details').open"
        )),
        json!(true)
    );
    let shot = b.screenshot(false);
    assert!(shot.starts_with(b"\x89PNG"), "a PNG");
    fs::write(screenshot_dir().join("html-letter.png"), shot).unwrap();

    // The keyboard: j moves to the next finding; n to the next letter.
    b.click("#letter-h");
    b.press("j");
    b.wait_until(
        &format!(
            "location.hash === '#letter-4-{}'",
            (k.as_u64().unwrap() + 1) % findings.as_u64().unwrap()
        ),
        10,
    );
    b.eval("document.getElementById('f-sev').value = ''; document.getElementById('f-sev').dispatchEvent(new Event('change'))");
    b.press("p");
    b.wait_until(
        "document.getElementById('letter-h').textContent.includes('003_')",
        10,
    );

    let errors = b.errors();
    assert!(errors.is_empty(), "the page reported errors: {errors:#?}");
}

/// Opens the report named by `IMR_LINT_OPEN_REPORT` (made by `benches/bench.sh` from a
/// large batch) and prints how long it takes to open, filter and show a letter:
/// `cargo test --test html_report -- --ignored --nocapture open_time`.
#[test]
#[ignore = "a measurement for benches/bench.sh"]
fn open_time() {
    let report =
        PathBuf::from(std::env::var_os("IMR_LINT_OPEN_REPORT").expect("IMR_LINT_OPEN_REPORT"));
    let chromium = cdp::find_chromium().expect("chromium");
    let dir = TempDir::new().unwrap();
    let mut b = cdp::Browser::start(&chromium, &dir.path().join("profile"));
    let started = std::time::Instant::now();
    b.call(
        "Page.navigate",
        json!({"url": format!("file://{}", report.display())}),
    );
    b.wait_for("the page to load", |e| e["method"] == "Page.loadEventFired");
    b.wait_until("performance.getEntriesByName('imr-ready').length > 0", 120);
    let wall = started.elapsed().as_secs_f64();
    let ready = b.eval("performance.getEntriesByName('imr-ready')[0].startTime");
    let rows = b.eval("document.querySelectorAll('#letters-table tbody tr').length");
    // Filters run as the user changes them; each is timed in the page.
    let filter = |what: &str| {
        format!(
            "(() => {{ const t = performance.now(); {what}; \
             return [performance.now() - t, document.getElementById('match-count').textContent]; }})()"
        )
    };
    let by_text = b.eval(&filter(
        "const f = document.getElementById('f-text'); f.value = 'norco'; \
         document.getElementById('filters').dispatchEvent(new Event('submit', {cancelable: true}))",
    ));
    let by_severity = b.eval(&filter(
        "document.getElementById('f-text').value = ''; const s = document.getElementById('f-sev'); \
         s.value = 'error'; s.dispatchEvent(new Event('change'))",
    ));
    let sort = b.eval(&filter(
        "document.querySelector('#letters-table th[data-key=w] button').click()",
    ));
    let open = b.eval(
        "new Promise(done => { const n = JSON.parse(document.getElementById('imr-data').textContent).rows.length - 1; \
         const t = performance.now(); location.hash = '#letter-' + n; \
         const check = () => document.getElementById('letter').dataset.shown === String(n) \
           ? done([performance.now() - t, document.querySelectorAll('#letter-text mark').length]) \
           : requestAnimationFrame(check); check(); })",
    );
    let size = fs::metadata(&report).unwrap().len();
    println!(
        "html report {}: {:.1} MB; opened (navigation to table drawn) in {:.2} s by the page's clock, {:.2} s by the test's; \
         {} rows drawn; filter by text {:.0} ms ({}), by severity {:.0} ms ({}), sort {:.0} ms; \
         last letter shown in {:.0} ms ({} marks)",
        report.display(),
        size as f64 / 1e6,
        ready.as_f64().unwrap_or(0.0) / 1000.0,
        wall,
        rows,
        by_text[0].as_f64().unwrap_or(0.0),
        by_text[1].as_str().unwrap_or(""),
        by_severity[0].as_f64().unwrap_or(0.0),
        by_severity[1].as_str().unwrap_or(""),
        sort[0].as_f64().unwrap_or(0.0),
        open[0].as_f64().unwrap_or(0.0),
        open[1],
    );
    let errors = b.errors();
    assert!(errors.is_empty(), "the page reported errors: {errors:#?}");
}
