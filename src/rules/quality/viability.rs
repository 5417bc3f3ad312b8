//! Rules on viability: the minimum, and post-thaw figures for cryopreserved products.

use super::*;

pub(super) fn viability_minimum(p: &Profile<'_>, policy: &QualityPolicy, f: &mut Finding) {
    if !p.live {
        f.not_applicable(CELL_FREE);
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
                .why("fewer cells are alive than the policy requires");
        }
        None if unstated_low.is_some() => {
            f.judge(Outcome::NotMet, Severity::Blocking)
                .why("a viability figure whose timing is not stated is below the policy minimum: whenever it was measured, the cells as given are no more viable than that");
        }
        None => {
            let reported = p.release.is_some_and(|r| !r.viability.is_empty());
            f.judge(Outcome::Undetermined, Severity::Blocking);
            if reported && p.state.is_none() {
                f.why("no post-thaw viability is reported and whether the product was frozen is not stated: a figure taken before freezing, or of unstated timing, describes the product only if it was given fresh")
                    .lack("release.state");
                if unstated.is_some() {
                    f.lack("release.viability.timing");
                }
                f.lack("release.viability (post_thaw)");
            } else if reported && unstated.is_some() {
                f.why("the product is cryopreserved and no viability figure is stated to be post-thaw: a figure whose timing is not stated never counts as the post-thaw result it is judged on")
                    .lack("release.viability.timing")
                    .lack("release.viability (post_thaw)");
            } else if reported {
                f.why("the product is cryopreserved and only viability before freezing is reported; it is judged on post-thaw viability")
                    .lack("release.viability (post_thaw)");
            } else {
                f.why("no viability is reported for a product meant to deliver living cells")
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
            .why("the record says the product is given fresh, and also that it was cryopreserved (a cryopreservation step or a post-thaw viability figure): the two statements contradict each other, so which viability describes what the patient receives is not known")
            .point_at("release.state")
            .add(Fact::code("release.state", ProductState::Fresh.code()))
            .add(Fact::code_list("contradicts", ["release.state", frozen_by]));
        f.facts.extend(timing_facts(figures));
        return;
    }
    if !p.live {
        f.not_applicable(CELL_FREE);
        return;
    }
    match p.state {
        Some(ProductState::Fresh) => {
            f.not_applicable("the product is given fresh, never frozen")
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
                    .why("no viability is reported")
                    .lack("release.viability");
            } else if figures.iter().any(|v| v.timing.is_none()) {
                f.judge(Outcome::Undetermined, Severity::Warning)
                    .why("the product is cryopreserved and the timing of a viability figure is not stated: a figure of unstated timing never counts as post-thaw")
                    .lack("release.viability.timing");
            } else {
                f.judge(Outcome::NotMet, Severity::Warning)
                    .why("the product is cryopreserved but its viability was measured only before freezing");
            }
        }
        None => {
            f.judge(Outcome::Undetermined, Severity::Warning)
                .why("whether the product was frozen is not stated, so the timing of its viability cannot be checked")
                .lack("release.state");
        }
    }
    f.point_at("release.viability")
        .add_opt(p.state.map(|s| Fact::code("release.state", s.code())));
    f.facts.extend(timing_facts(figures));
}
