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
                &reasons::PRODUCT_S_OWN_RELEASE_DATA,
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
                &reasons::PRODUCT_S_RELEASE_DATA_MEET_2,
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
                &reasons::PRODUCT_S_RELEASE_DATA_MEET,
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
                &reasons::PRODUCT_S_RELEASE_DATA_INCOMPLETE,
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
                &reasons::LABEL_TRIAL_DOSE_KNOWN_CONDITION,
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
    let (group, outcome, reason): (Group, Outcome, &'static Reason) = match cmp.verdict {
        DoseVerdict::NotApplicable(reason) => (Group::Note, Outcome::NotApplicable, reason),
        DoseVerdict::Undetermined => (
            Group::AskFirst,
            Outcome::Undetermined,
            &reasons::APPROVED_PRODUCTS_GIVE_DOSE_ROUTE,
        ),
        DoseVerdict::Within => (
            Group::Note,
            Outcome::Met,
            &reasons::DOSE_LIES_WITHIN_LABEL_TRIAL,
        ),
        DoseVerdict::Outside => (
            Group::Note,
            Outcome::NotMet,
            &reasons::DOSE_LIES_OUTSIDE_LABEL_TRIAL,
        ),
        DoseVerdict::FarBelow => (
            Group::AskFirst,
            Outcome::NotMet,
            &reasons::DOSE_FAR_BELOW_EVERY_LABEL,
        ),
    };
    let f = c.add(group, rule, outcome, "product.dose", reason);
    f.facts.extend(cmp.facts);
    for path in cmp.missing {
        f.missing.push(path);
    }
}
