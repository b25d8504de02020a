//! The drug taxonomy of the embedded rule set: every drug the letters and the workers'
//! compensation formulary name, in the right classes, with the MED factors of the tables
//! the domain names.

use imr_lint::facts::dose;
use imr_lint::letter::request::Request;
use imr_lint::rules::RuleSet;

#[test]
fn brands_generics_and_misspellings_resolve_to_their_classes() {
    let rules = RuleSet::builtin().unwrap();
    let t = &rules.taxonomy;
    let cases = [
        ("Norco", "hydrocodone/acetaminophen", "short-acting opioid"),
        ("Vicodin", "hydrocodone/acetaminophen", "opioid"),
        ("OxyContin", "oxycodone ER", "long-acting opioid"),
        ("Percocet", "oxycodone/acetaminophen", "opioid"),
        ("Opana", "oxymorphone", "long-acting opioid"),
        ("Duragesic", "fentanyl transdermal", "opioid"),
        ("Butrans", "buprenorphine transdermal", "opioid"),
        ("Ultram", "tramadol", "opioid"),
        ("Nucynta", "tapentadol", "opioid"),
        ("MS Contin", "morphine", "opioid"),
        ("Dilaudid", "hydromorphone", "opioid"),
        ("methadone", "methadone", "long-acting opioid"),
        ("Tylenol #3", "codeine/acetaminophen", "opioid"),
        ("Flexeril", "cyclobenzaprine", "muscle relaxant"),
        ("Robaxin", "methocarbamol", "muscle relaxant"),
        ("Soma", "carisoprodol", "muscle relaxant"),
        ("Lioresal", "baclofen", "muscle relaxant"),
        ("Liorisal", "baclofen", "muscle relaxant"),
        ("Zanaflex", "tizanidine", "muscle relaxant"),
        ("Skelaxin", "metaxalone", "muscle relaxant"),
        ("Norflex", "orphenadrine", "muscle relaxant"),
        ("Klonopin", "clonazepam", "benzodiazepine"),
        ("Restoril", "temazepam", "benzodiazepine"),
        ("Xanax", "alprazolam", "benzodiazepine"),
        ("Valium", "diazepam", "benzodiazepine"),
        ("Ativan", "lorazepam", "benzodiazepine"),
        ("Ambien", "zolpidem", "hypnotic"),
        ("Neurontin", "gabapentin", "anticonvulsant"),
        ("Gralise", "gabapentin", "anticonvulsant"),
        ("Lyrica", "pregabalin", "anticonvulsant"),
        ("Topamax", "topiramate", "anticonvulsant"),
        ("amitriptyline", "amitriptyline", "antidepressant"),
        ("Cymbalta", "duloxetine", "antidepressant"),
        ("Motrin", "ibuprofen", "NSAID"),
        ("Naprosyn", "naproxen", "NSAID"),
        ("Prilosec", "omeprazole", "proton pump inhibitor"),
        ("MiraLax", "polyethylene glycol", "laxative"),
        ("Lidoderm", "lidocaine patch", "topical analgesic"),
    ];
    for (name, generic, class) in cases {
        let d = t.lookup(name).unwrap_or_else(|| panic!("{name} unknown"));
        assert_eq!(t.generic(d), generic, "{name}");
        assert!(t.is_a(d, class), "{name} is not a {class}");
    }
    let norco = t.lookup("Norco").unwrap();
    assert!(!t.is_a(norco, "muscle relaxant") && !t.is_a(norco, "long-acting opioid"));
}

/// MED of `request` for the drug named first in it.
fn med(rules: &RuleSet, request: &str) -> f64 {
    let r = Request::parse(request, 0..request.len());
    let drug = rules.taxonomy.mentions(request, &(0..request.len()))[0].drug;
    let conv = rules.taxonomy.med(drug).unwrap();
    dose::med(&r, conv, rules.assumed_supply_days)
        .unwrap()
        .value
}

#[test]
fn med_factors_follow_the_named_tables() {
    let rules = RuleSet::builtin().unwrap();
    let close = |got: f64, want: f64, what: &str| {
        assert!((got - want).abs() < 1e-9, "{what}: {got} != {want}")
    };
    // 10 mg a day of each oral opioid (1 tablet a day), so the MED is 10 × factor.
    for (drug, factor) in [
        ("hydrocodone", 1.0),
        ("oxycodone", 1.5),
        ("oxymorphone", 3.0),
        ("hydromorphone", 4.0),
        ("morphine", 1.0),
        ("tapentadol", 0.4),
        ("tramadol", 0.1),
    ] {
        close(
            med(&rules, &format!("{drug} 10mg once a day")),
            10.0 * factor,
            drug,
        );
    }
    close(
        med(&rules, "Tylenol with Codeine 300/30mg 4 times a day"),
        120.0 * 0.15,
        "codeine",
    );
    close(
        med(&rules, "Duragesic 25mcg/hr patch #10"),
        60.0,
        "fentanyl 2.4 per mcg/hr",
    );
    close(
        med(&rules, "Butrans 20mcg/hr film #4"),
        36.0,
        "buprenorphine 1.8 per mcg/hr (CMS 2014)",
    );
    for (mg_a_day, factor) in [(20.0, 4.0), (30.0, 8.0), (60.0, 10.0), (80.0, 12.0)] {
        close(
            med(&rules, &format!("methadone {mg_a_day}mg once a day")),
            mg_a_day * factor,
            "methadone tier",
        );
    }
    // No schedule: the quantity over the assumed 30-day supply.
    close(med(&rules, "Norco 10/325mg #180"), 60.0, "Norco #180");
    let butrans = rules.taxonomy.lookup("Butrans").unwrap();
    assert!(
        rules
            .taxonomy
            .med(butrans)
            .unwrap()
            .source
            .contains("CMS 2014")
    );
}
