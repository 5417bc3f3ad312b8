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
    let (group, outcome, reason, listed): (Group, Outcome, &'static Reason, Option<Fact>) =
        match quality.verdict {
            QualityVerdict::Fail => (
                Group::WalkAway,
                Outcome::NotMet,
                &reasons::PRODUCT_S_OWN_RELEASE_DATA,
                Some(listed(
                    "quality.failed",
                    Severity::Blocking,
                    Some(Outcome::NotMet),
                )),
            ),
            QualityVerdict::Pass => (
                Group::GoodSign,
                Outcome::Met,
                &reasons::PRODUCT_S_RELEASE_DATA_MEET_2,
                None,
            ),
            QualityVerdict::PassWithWarnings => (
                Group::AskFirst,
                Outcome::Undetermined,
                &reasons::PRODUCT_S_RELEASE_DATA_MEET,
                Some(listed("quality.warnings", Severity::Warning, None)),
            ),
            QualityVerdict::Undetermined => (
                Group::AskFirst,
                Outcome::Undetermined,
                &reasons::PRODUCT_S_RELEASE_DATA_INCOMPLETE,
                Some(listed(
                    "quality.undetermined",
                    Severity::Blocking,
                    Some(Outcome::Undetermined),
                )),
            ),
        };
    let f = c
        .file(group, rule, outcome)
        .point_at(path)
        .why(reason)
        .add(verdict)
        .add_opt(listed);
    if quality.verdict == QualityVerdict::Undetermined {
        f.lack(path);
    }
}

pub(super) fn dose_reference(offer: &ClinicOffer, policy: &OfferPolicy, c: &mut Collector) {
    use crate::rules::quality::DoseVerdict;
    let rule = RuleId::OfferDoseReference;
    // A condition outside the list has no label or trial dose, whatever the route.
    let own: &[Indication] = match &offer.indication {
        crate::StatedIndication::Listed(own) => std::slice::from_ref(own),
        crate::StatedIndication::Unlisted(_) => {
            c.file(Group::Note, rule, Outcome::NotApplicable)
                .point_at("indication")
                .why(&reasons::LABEL_TRIAL_DOSE_KNOWN_CONDITION)
                .add(indication_fact(offer));
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
    let f = c
        .file(group, rule, outcome)
        .point_at("product.dose")
        .why(reason);
    f.facts.extend(cmp.facts);
    for path in cmp.missing {
        f.lack(path);
    }
}
