//! Rules on viability: the minimum, and post-thaw figures for cryopreserved products.

use super::*;

pub(super) fn viability_minimum(p: &Profile<'_>, policy: &QualityPolicy, f: &mut Finding) {
    if !p.live {
        f.not_applicable(&reasons::CELL_FREE);
        return;
    }
    let min = policy.min_viability_percent.get();
    let figure = p.release.and_then(|r| r.viability_for(p.state));
    // A figure of unstated timing below the minimum fails the product whatever its timing:
    // after thawing it is the product as given; before freezing, the product as given is no
    // more viable (freezing and thawing kill cells); never frozen, it is the product itself.
    let unstated = p
        .release
        .and_then(ReleaseData::lowest_viability_of_unstated_timing);
    let unstated_low = unstated.filter(|u| u.get() < min);
    match figure {
        Some(v) if v.get() >= min => {}
        Some(_) => {
            f.judge(Outcome::NotMet, Severity::Blocking)
                .why(&reasons::FEWER_CELLS_ALIVE_THAN_POLICY);
        }
        None if unstated_low.is_some() => {
            f.judge(Outcome::NotMet, Severity::Blocking)
                .why(&reasons::VIABILITY_FIGURE_WHOSE_TIMING_STATED);
        }
        None => {
            let reported = p.release.is_some_and(|r| !r.viability.is_empty());
            f.judge(Outcome::Undetermined, Severity::Blocking);
            if reported && p.state.is_none() {
                f.why(&reasons::POST_THAW_VIABILITY_REPORTED_WHETHER)
                    .lack("release.state");
                if unstated.is_some() {
                    f.lack("release.viability.timing");
                }
                f.lack("release.viability (post_thaw)");
            } else if reported && unstated.is_some() {
                f.why(&reasons::PRODUCT_CRYOPRESERVED_VIABILITY_FIGURE_STATED)
                    .lack("release.viability.timing")
                    .lack("release.viability (post_thaw)");
            } else if reported {
                f.why(&reasons::PRODUCT_CRYOPRESERVED_ONLY_VIABILITY_BEFORE)
                    .lack("release.viability (post_thaw)");
            } else {
                f.why(&reasons::VIABILITY_REPORTED_PRODUCT_MEANT_DELIVER)
                    .lack("release.viability");
            }
        }
    }
    f.point_at("release.viability")
        .add_opt(figure.map(|v| percent_fact("release.viability", v.get())))
        .add_opt(unstated.map(|u| percent_fact("release.viability.timing_not_stated", u.get())))
        .add_opt(p.state.map(|s| Fact::code("release.state", s.code())))
        .add(percent_fact("policy.min_viability_percent", min).as_limit());
}

/// The stated timings of the viability figures, and how many figures state none.
pub(super) fn timing_facts(figures: &[crate::Viability]) -> impl Iterator<Item = Fact> {
    let unstated = figures.iter().filter(|v| v.timing.is_none()).count();
    std::iter::once(Fact::terms(
        "release.viability.timing",
        figures.iter().filter_map(|v| v.timing),
    ))
    .chain((unstated > 0).then(|| {
        #[allow(clippy::cast_precision_loss)] // a list of at most MAX_LIST_LEN figures
        Fact::number("derived.viability_timing_not_stated", unstated as f64).as_derived()
    }))
}

pub(super) fn viability_post_thaw(p: &Profile<'_>, _: &QualityPolicy, f: &mut Finding) {
    let figures = p.release.map_or(&[][..], |r| r.viability.as_slice());
    // The contradiction is reported whether or not the product delivers living cells: the
    // state it leaves open decides whether the release tests are required at all.
    if p.fresh_and_frozen {
        let frozen_by = if p
            .product
            .processing
            .as_ref()
            .and_then(|x| x.steps_known())
            .is_some_and(|s| s.contains(&ProcessingStep::Cryopreservation))
        {
            "processing.steps"
        } else {
            "release.viability"
        };
        f.judge(Outcome::Undetermined, Severity::Blocking)
            .why(&reasons::RECORD_SAYS_PRODUCT_GIVEN_FRESH)
            .point_at("release.state")
            .add(Fact::code("release.state", ProductState::Fresh.code()))
            .add(Fact::code_list("contradicts", ["release.state", frozen_by]));
        f.facts.extend(timing_facts(figures));
        return;
    }
    if !p.live {
        f.not_applicable(&reasons::CELL_FREE);
        return;
    }
    match p.state {
        Some(ProductState::Fresh) => {
            f.not_applicable(&reasons::PRODUCT_GIVEN_FRESH_NEVER_FROZEN)
                .add(Fact::code("release.state", ProductState::Fresh.code()));
            return;
        }
        Some(ProductState::Cryopreserved) => {
            if figures
                .iter()
                .any(|v| v.timing == Some(ViabilityTiming::PostThaw))
            {
            } else if figures.is_empty() {
                f.judge(Outcome::Undetermined, Severity::Warning)
                    .why(&reasons::VIABILITY_REPORTED)
                    .lack("release.viability");
            } else if figures.iter().any(|v| v.timing.is_none()) {
                f.judge(Outcome::Undetermined, Severity::Warning)
                    .why(&reasons::PRODUCT_CRYOPRESERVED_TIMING_VIABILITY_FIGURE)
                    .lack("release.viability.timing");
            } else {
                f.judge(Outcome::NotMet, Severity::Warning)
                    .why(&reasons::PRODUCT_CRYOPRESERVED_BUT_VIABILITY_WAS);
            }
        }
        None => {
            f.judge(Outcome::Undetermined, Severity::Warning)
                .why(&reasons::WHETHER_PRODUCT_WAS_FROZEN_STATED)
                .lack("release.state");
        }
    }
    f.point_at("release.viability")
        .add_opt(p.state.map(|s| Fact::code("release.state", s.code())));
    f.facts.extend(timing_facts(figures));
}
