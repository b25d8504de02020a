//! Dose arithmetic: doses a day, days of supply, and morphine-equivalent daily dose (MED),
//! each with the working written out so a diagnostic can show it.

use crate::letter::request::{Request, fmt_num};
use crate::rules::schema::DrugMed;

/// Units taken a day and how that figure was reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Daily {
    pub units: f64,
    pub working: String,
}

/// Units a day: from the written schedule, else from the quantity over an assumed supply.
pub fn daily_units(request: &Request, assumed_supply_days: f64) -> Option<Daily> {
    if let Some(f) = &request.frequency
        && let Some(per_day) = f.per_day
    {
        let per_dose = f.units_per_dose.unwrap_or(1.0);
        let units = per_day * per_dose;
        let working = if per_dose == 1.0 {
            format!("{} a day (written schedule)", fmt_num(units))
        } else {
            format!(
                "{} × {} a day = {} a day (written schedule)",
                fmt_num(per_dose),
                fmt_num(per_day),
                fmt_num(units)
            )
        };
        return Some(Daily { units, working });
    }
    let q = request.quantity.as_ref()?.value;
    let units = q / assumed_supply_days;
    Some(Daily {
        units,
        working: format!(
            "#{} over {} days (assumed supply; no schedule written) = {} a day",
            fmt_num(q),
            fmt_num(assumed_supply_days),
            fmt_num(units)
        ),
    })
}

/// Days a request lasts, with its working.
#[derive(Debug, Clone, PartialEq)]
pub struct Supply {
    pub days: f64,
    pub working: String,
}

/// Days of supply: quantity × (refills + 1) over units a day (from the schedule, else the
/// `assumed_per_day` the rule or drug states); or the written duration.
pub fn supply_days(request: &Request, assumed_per_day: Option<f64>) -> Option<Supply> {
    let refills = request.refills.as_ref().map_or(0.0, |r| r.value);
    if let Some(q) = &request.quantity {
        let scheduled = request
            .frequency
            .as_ref()
            .and_then(|f| Some(f.per_day? * f.units_per_dose.unwrap_or(1.0)));
        let (per_day, basis) = match (scheduled, assumed_per_day) {
            (Some(p), _) => (p, "written schedule"),
            (None, Some(p)) => (p, "assumed; no schedule written"),
            (None, None) => return None,
        };
        if per_day <= 0.0 {
            return None;
        }
        let units = q.value * (refills + 1.0);
        let days = units / per_day;
        let fills = if refills > 0.0 {
            format!(
                "#{} × ({} refill{} + 1) = {} units",
                fmt_num(q.value),
                fmt_num(refills),
                if refills == 1.0 { "" } else { "s" },
                fmt_num(units)
            )
        } else {
            format!("#{} = {} units", fmt_num(q.value), fmt_num(units))
        };
        return Some(Supply {
            days,
            working: format!(
                "{fills} ÷ {} a day ({basis}) = {} days",
                fmt_num(per_day),
                fmt_num(days)
            ),
        });
    }
    let d = request.duration_days.as_ref()?;
    Some(Supply {
        days: d.value * (refills + 1.0),
        working: format!("{} days as written", fmt_num(d.value * (refills + 1.0))),
    })
}

/// One opioid's MED.
#[derive(Debug, Clone, PartialEq)]
pub struct Med {
    pub value: f64,
    pub working: String,
    pub source: String,
}

/// MED of a request for a drug with conversion data. Patches (`mcg/hr`) convert the
/// strength directly; oral doses are mg a day × factor (tiered for methadone).
pub fn med(request: &Request, conv: &DrugMed, assumed_supply_days: f64) -> Option<Med> {
    let unit = conv.unit.to_lowercase();
    let strength = request
        .strengths
        .iter()
        .find(|s| {
            s.values.len() > conv.ingredient
                && unit.starts_with(s.unit.split('/').next().unwrap_or(""))
        })
        .or_else(|| request.strengths.first())?;
    let amount = *strength.values.get(conv.ingredient)?;
    if unit == "mcg/hr" {
        let factor = conv.factor?;
        let value = amount * factor;
        return Some(Med {
            value,
            working: format!(
                "{} mcg/hr × {} = {}",
                fmt_num(amount),
                fmt_num(factor),
                fmt_num(value)
            ),
            source: conv.source.clone(),
        });
    }
    let daily = daily_units(request, assumed_supply_days)?;
    let mg = daily.units * amount;
    let factor = if conv.tiers.is_empty() {
        conv.factor?
    } else {
        conv.tiers
            .iter()
            .find(|t| mg <= t.up_to)
            .or(conv.tiers.last())?
            .factor
    };
    let value = mg * factor;
    Some(Med {
        value,
        working: format!(
            "{}; × {} mg = {} mg/day × {} = {}",
            daily.working,
            fmt_num(amount),
            fmt_num(mg),
            fmt_num(factor),
            fmt_num(value)
        ),
        source: conv.source.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::schema::MedTier;

    fn req(s: &str) -> Request {
        Request::parse(s, 0..s.len())
    }

    fn conv(factor: f64, unit: &str) -> DrugMed {
        DrugMed {
            factor: Some(factor),
            tiers: vec![],
            unit: unit.into(),
            ingredient: 0,
            source: "CDC 2016".into(),
        }
    }

    #[test]
    fn med_of_each_form() {
        let norco = med(&req("Norco 10/325mg #180"), &conv(1.0, "mg"), 30.0).unwrap();
        assert_eq!(norco.value, 60.0);
        assert!(
            norco.working.contains("#180 over 30 days"),
            "{}",
            norco.working
        );
        let patch = med(
            &req("Duragesic 75mcg patch #10"),
            &conv(2.4, "mcg/hr"),
            30.0,
        )
        .unwrap();
        assert!((patch.value - 180.0).abs() < 1e-9);
        let butrans = med(
            &req("Butrans 20mcg/hr transdermal film #4"),
            &conv(1.8, "mcg/hr"),
            30.0,
        )
        .unwrap();
        assert!((butrans.value - 36.0).abs() < 1e-9);
        let sched = med(
            &req("NORCO 10/325, 2 PILLS TWICE A DAY"),
            &conv(1.0, "mg"),
            30.0,
        )
        .unwrap();
        assert_eq!(sched.value, 40.0);
        let oxy = med(&req("Oxycodone 10mg #120"), &conv(1.5, "mg"), 30.0).unwrap();
        assert_eq!(oxy.value, 60.0);
        let codeine = med(
            &req("Tylenol #3 30mg, 4 times a day"),
            &conv(0.15, "mg"),
            30.0,
        )
        .unwrap();
        assert!((codeine.value - 18.0).abs() < 1e-9);
        assert!(med(&req("Opana"), &conv(3.0, "mg"), 30.0).is_none());
    }

    #[test]
    fn methadone_tiers() {
        let tiers = DrugMed {
            factor: None,
            tiers: [(20.0, 4.0), (40.0, 8.0), (60.0, 10.0), (80.0, 12.0)]
                .map(|(up_to, factor)| MedTier { up_to, factor })
                .to_vec(),
            unit: "mg".into(),
            ingredient: 0,
            source: "CDC 2016".into(),
        };
        let at = |s: &str| med(&req(s), &tiers, 30.0).unwrap().value;
        assert_eq!(at("Methadone 10mg twice a day"), 80.0);
        assert_eq!(at("Methadone 10mg 3 times a day"), 240.0);
        assert_eq!(at("Methadone 10mg 4 times a day"), 320.0);
        assert_eq!(at("Methadone 10mg 5 times a day"), 500.0);
        assert_eq!(at("Methadone 10mg 7 times a day"), 840.0);
        assert_eq!(at("Methadone 5mg 4 times a day"), 80.0);
    }

    #[test]
    fn supply_with_refills() {
        let s = supply_days(&req("Baclofen 10mg #270 with 1 refill"), Some(3.0)).unwrap();
        assert_eq!(s.days, 180.0);
        assert!(
            s.working.contains("#270 × (1 refill + 1) = 540 units"),
            "{}",
            s.working
        );
        let s = supply_days(&req("ROBAXIN 750MG #90, 3 TIMES A DAY"), None).unwrap();
        assert_eq!(s.days, 30.0);
        assert!(supply_days(&req("Robaxin"), Some(3.0)).is_none());
    }
}
