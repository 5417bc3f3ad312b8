//! The rule on the extent of expansion (passages, population doublings).

use super::*;

pub(super) fn expansion_limit(p: &Profile<'_>, policy: &QualityPolicy, f: &mut Finding) {
    if p.expansion == Expansion::No {
        f.not_applicable(&reasons::CELLS_WERE_GROWN_CULTURE);
        return;
    }
    let release = p.release;
    let passage = release.and_then(|r| r.passage).map(Passage::get);
    let doublings = release
        .and_then(|r| r.population_doublings)
        .map(PopulationDoublings::get);
    // The strictest of the product's own limit and the policy's (none by default).
    let passage_limit = [release.and_then(|r| r.passage_limit), policy.max_passage]
        .into_iter()
        .flatten()
        .map(Passage::get)
        .min();
    let doubling_limit = [
        release.and_then(|r| r.population_doubling_limit),
        policy.max_population_doublings,
    ]
    .into_iter()
    .flatten()
    .map(PopulationDoublings::get)
    .min_by(f64::total_cmp);

    let over_passage = matches!((passage, passage_limit), (Some(v), Some(l)) if v > l);
    let over_doublings = matches!((doublings, doubling_limit), (Some(v), Some(l)) if v > l);
    let judged_passage = passage.is_some() && passage_limit.is_some();
    let judged_doublings = doublings.is_some() && doubling_limit.is_some();

    if over_passage || over_doublings {
        f.judge(Outcome::NotMet, Severity::Blocking)
            .why(&reasons::CELLS_WERE_EXPANDED_BEYOND_LIMIT);
    } else if (passage_limit.is_some() && passage.is_none())
        || (doubling_limit.is_some() && doublings.is_none())
    {
        // A limit is stated for a figure the record leaves out: the figure is a missing fact,
        // and leaving it out must not read better than exceeding the limit would.
        f.judge(Outcome::Undetermined, Severity::Blocking)
            .why(&reasons::LIMIT_STATED_FIGURE_RECORD_DOES);
        if passage_limit.is_some() && passage.is_none() {
            f.lack("release.passage");
        }
        if doubling_limit.is_some() && doublings.is_none() {
            f.lack("release.population_doublings");
        }
    } else if judged_passage || judged_doublings {
    } else if passage.is_none() && doublings.is_none() {
        // As blocking as exceeding the limit: leaving the figures out must not read better.
        f.judge(Outcome::Undetermined, Severity::Blocking)
            .why(&reasons::CULTURE_EXPANDED_PRODUCT_REPORTS_NEITHER)
            .lack("release.passage")
            .lack("release.population_doublings");
    } else {
        // A limit is a specification: absent, the default applies — and for expansion no
        // consensus numeric limit exists in a citable source, so there is none to apply. The
        // figure is reported and cannot be judged: a warning that says so, not a blocking gap
        // (the product's own specification, stated, settles it).
        f.judge(Outcome::Undetermined, Severity::Warning)
            .why(&reasons::PRODUCT_STATES_LIMIT_OWN_CONSENSUS)
            .add(Fact::code("limit.source", "no_consensus_limit"))
            .lack(if passage.is_some() {
                "release.passage_limit"
            } else {
                "release.population_doubling_limit"
            });
    }
    if p.expansion == Expansion::Unknown && f.outcome == Outcome::Undetermined {
        f.lack("processing.steps");
    }
    f.point_at("release.passage")
        .add_opt(passage.map(|v| Fact::number("release.passage", f64::from(v))))
        .add_opt(passage_limit.map(|v| Fact::number("limit.passage", f64::from(v)).as_limit()))
        .add_opt(doublings.map(|v| Fact::number("release.population_doublings", v)))
        .add_opt(doubling_limit.map(|v| Fact::number("limit.population_doublings", v).as_limit()));
}
