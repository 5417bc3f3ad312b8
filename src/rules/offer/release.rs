//! The product's release quality and dose, as the offer states them.

use super::*;

pub(super) fn release_quality(quality: &QualityReport, c: &mut Collector) {
    let rule = RuleId::OfferReleaseQuality;
    let verdict = Fact::code("quality.verdict", quality.verdict.code()).as_derived();
    let listed = |name: &'static str, severity: Severity, outcome: Option<Outcome>| {
        code_list_of(name, || {
            quality
                .findings
                .iter()
                .filter(move |f| f.severity == severity && outcome.is_none_or(|o| f.outcome == o))
                .map(|f| f.rule)
        })
        .as_derived()
    };
    let path = "product.release";
    match quality.verdict {
        QualityVerdict::Fail => {
            let f = c.add(
                Group::WalkAway,
                rule,
                Outcome::NotMet,
                path,
                "The product's own release data fail a blocking quality requirement (see the quality findings): it must not be used as described.",
            );
            f.facts.push(verdict);
            f.facts.push(listed(
                "quality.failed",
                Severity::Blocking,
                Some(Outcome::NotMet),
            ));
        }
        QualityVerdict::Pass => {
            c.add(
                Group::GoodSign,
                rule,
                Outcome::Met,
                path,
                "The product's release data meet every quality requirement.",
            )
            .facts
            .push(verdict);
        }
        QualityVerdict::PassWithWarnings => {
            let f = c.add(
                Group::AskFirst,
                rule,
                Outcome::Undetermined,
                path,
                "The product's release data meet every blocking quality requirement, but leave warnings that need an answer (see the quality findings).",
            );
            f.facts.push(verdict);
            f.facts
                .push(listed("quality.warnings", Severity::Warning, None));
        }
        QualityVerdict::Undetermined => {
            let f = c.add(
                Group::AskFirst,
                rule,
                Outcome::Undetermined,
                path,
                "The product's release data are incomplete, so its quality cannot be judged: ask for the release results (see the quality findings for what is missing).",
            );
            f.facts.push(verdict);
            f.facts.push(listed(
                "quality.undetermined",
                Severity::Blocking,
                Some(Outcome::Undetermined),
            ));
            f.missing.push(path);
        }
    }
}

pub(super) fn dose_reference(offer: &ClinicOffer, policy: &OfferPolicy, c: &mut Collector) {
    use crate::rules::quality::DoseVerdict;
    let rule = RuleId::OfferDoseReference;
    // A condition outside the list has no label or trial dose, whatever the route.
    let own: &[Indication] = match &offer.indication {
        crate::StatedIndication::Listed(own) => std::slice::from_ref(own),
        crate::StatedIndication::Unlisted(_) => {
            c.add(
                Group::Note,
                rule,
                Outcome::NotApplicable,
                "indication",
                "No label or trial dose is known for a condition outside the crate's list, so the dose is not compared.",
            )
            .facts
            .push(indication_fact(offer));
            return;
        }
    };
    let cmp = crate::rules::quality::compare_dose(
        &offer.product,
        Some(own),
        policy.quality.dose_far_below_factor,
    );
    let (group, outcome, reason) = match cmp.verdict {
        DoseVerdict::NotApplicable(reason) => (Group::Note, Outcome::NotApplicable, reason),
        DoseVerdict::Undetermined => (
            Group::AskFirst,
            Outcome::Undetermined,
            "Approved products give a dose for this route and condition, but the offer's dose is not stated in a form that compares with them.",
        ),
        DoseVerdict::Within => (
            Group::Note,
            Outcome::Met,
            "The dose lies within the label or trial doses for this route and condition.",
        ),
        DoseVerdict::Outside => (
            Group::Note,
            Outcome::NotMet,
            "The dose lies outside the label and trial doses for this route and condition, though not far below them: ask why.",
        ),
        DoseVerdict::FarBelow => (
            Group::AskFirst,
            Outcome::NotMet,
            "The dose is far below every label and trial dose for this route and condition: a 'whiff' of cells is not enough to trigger a biological response.",
        ),
    };
    let f = c.add(group, rule, outcome, "product.dose", reason);
    f.facts.extend(cmp.facts);
    for path in cmp.missing {
        f.missing.push(path);
    }
}
