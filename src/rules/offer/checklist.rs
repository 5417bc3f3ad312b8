//! The checklist items of the source texts: live cells, source, certificate, image guidance, trials.

use super::*;

pub(super) fn live_cell_count(
    offer: &ClinicOffer,
    policy: &OfferPolicy,
    m: Measured,
    c: &mut Collector,
) {
    let rule = RuleId::OfferLiveCellCount;
    if let Some(prep) = offer.product.preparation {
        if !prep.info().live_cells {
            c.file(Group::Note, rule, Outcome::NotApplicable)
                .point_at("product.preparation")
                .why(&reasons::PRODUCT_MEANT_HOLD_LIVING_CELLS)
                .add(Fact::code("product.preparation", prep.code()));
            return;
        }
    }
    let path = "disclosures.live_nucleated_cells";
    let Some(count) = offer.disclosures.live_nucleated_cells else {
        c.file(Group::WalkAway, rule, Outcome::NotMet)
            .point_at(path)
            .why(&reasons::CLINIC_DOES_SAY_HOW_MANY)
            .lack(path);
        return;
    };
    // Donor cells from a vial: a count is only a count of live cells if something shows they
    // are alive (the certificate of analysis with its viability, or a viability result).
    let own_cells = offer.product.donor.is_some_and(Donor::is_autologous);
    let viability_shown = offer.disclosures.certificate_of_analysis_shown == Some(true)
        || offer
            .product
            .release
            .as_ref()
            .is_some_and(|r| !r.viability.is_empty());
    let (group, outcome, reason): (Group, Outcome, &'static Reason) =
        if count < policy.min_live_cells {
            (
                Group::AskFirst,
                Outcome::NotMet,
                &reasons::STATED_LIVE_CELL_COUNT_BELOW,
            )
        } else if !own_cells && !viability_shown {
            (
                Group::AskFirst,
                Outcome::Undetermined,
                &reasons::CLINIC_STATES_CELL_COUNT_DONOR,
            )
        } else if m.contradicts_count() {
            // The measurement wins over the claim: a stated count a test contradicts is no
            // good sign.
            (
                Group::Note,
                Outcome::NotMet,
                &reasons::CLINIC_STATES_LIVE_CELL_COUNT,
            )
        } else {
            (
                Group::GoodSign,
                Outcome::Met,
                &reasons::CLINIC_STATES_NUMBER_LIVE_NUCLEATED,
            )
        };
    let f = c
        .file(group, rule, outcome)
        .point_at(path)
        .why(reason)
        .add(Fact::number(path, count.as_f64()).with_unit("cells"))
        .add(
            Fact::number("policy.min_live_cells", policy.min_live_cells.as_f64())
                .with_unit("cells")
                .as_limit(),
        );
    if outcome == Outcome::Undetermined {
        f.lack_all(&[
            "disclosures.certificate_of_analysis_shown",
            "product.release.viability",
        ]);
    }
}

pub(super) fn source(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferSourceDisclosed;
    let path = "disclosures.source_disclosed";
    let (tissue, donor) = (offer.product.tissue, offer.product.donor);
    match offer.disclosures.source_disclosed {
        Some(true) => match (tissue, donor) {
            (Some(t), Some(d)) => {
                c.file(Group::GoodSign, rule, Outcome::Met)
                    .point_at(path)
                    .why(&reasons::CLINIC_SAYS_WHICH_TISSUE_CELLS)
                    .add(Fact::code("product.tissue", t.code()))
                    .add(Fact::code("product.donor", d.code()));
            }
            (None, _) | (_, None) => {
                let f = c
                    .file(Group::AskFirst, rule, Outcome::Undetermined)
                    .point_at("product")
                    .why(&reasons::CLINIC_SAID_HAVE_DISCLOSED_SOURCE);
                if tissue.is_none() {
                    f.lack("product.tissue");
                }
                if donor.is_none() {
                    f.lack("product.donor");
                }
            }
        },
        Some(false) => {
            c.file(Group::AskFirst, rule, Outcome::NotMet)
                .point_at(path)
                .why(&reasons::CLINIC_DOES_SAY_WHERE_CELLS)
                .add(Fact::flag(path, false));
        }
        None => {
            c.file(Group::AskFirst, rule, Outcome::Undetermined)
                .point_at(path)
                .why(&reasons::KNOWN_WHETHER_CLINIC_SAID_WHERE)
                .lack(path);
        }
    }
}

pub(super) fn certificate(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferCertificateOfAnalysis;
    let Some(donor) = offer.product.donor else {
        c.file(Group::AskFirst, rule, Outcome::Undetermined)
            .point_at("product.donor")
            .why(&reasons::WHETHER_CELLS_YOUR_OWN_DONOR)
            .lack("product.donor");
        return;
    };
    let donor_fact = Fact::code("product.donor", donor.code());
    if donor.is_autologous() {
        c.file(Group::Note, rule, Outcome::NotApplicable)
            .point_at("product.donor")
            .why(&reasons::YOUR_OWN_CELLS_PREPARED_YOU)
            .add(donor_fact);
        return;
    }
    // A record stating that no certificate was issued answers the question: none can be shown.
    let none_issued = offer
        .product
        .release
        .as_ref()
        .and_then(|r| r.certificate_issued)
        == Some(false);
    let shown = if none_issued {
        Some(false)
    } else {
        offer.disclosures.certificate_of_analysis_shown
    };
    let (group, outcome, reason): (Group, Outcome, &'static Reason) = match shown {
        Some(true) => (
            Group::GoodSign,
            Outcome::Met,
            &reasons::CLINIC_SHOWS_CERTIFICATE_ANALYSIS_DONOR,
        ),
        Some(false) => (
            Group::AskFirst,
            Outcome::NotMet,
            &reasons::DONOR_CELLS_WITHOUT_CERTIFICATE_ANALYSIS,
        ),
        None => (
            Group::AskFirst,
            Outcome::Undetermined,
            &reasons::KNOWN_WHETHER_CLINIC_SHOWS_CERTIFICATE,
        ),
    };
    let path = "disclosures.certificate_of_analysis_shown";
    let f = c
        .file(group, rule, outcome)
        .point_at(path)
        .why(reason)
        .add(donor_fact);
    match shown {
        Some(s) => f.add(Fact::flag(path, s)),
        None => f.lack(path),
    };
}

pub(super) fn image_guidance(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferImageGuidance;
    let Some(delivery) = offer.product.delivery else {
        c.file(Group::AskFirst, rule, Outcome::Undetermined)
            .point_at("product.delivery")
            .why(&reasons::ROUTE_STATED_SO_KNOWN_WHETHER)
            .lack("product.delivery.route");
        return;
    };
    let route = Fact::code("product.delivery.route", delivery.route.code());
    if !delivery.route.info().orthopaedic {
        c.file(Group::Note, rule, Outcome::NotApplicable)
            .point_at("product.delivery.route")
            .why(&reasons::INJECTION_INTO_JOINT_DISC_TENDON)
            .add(route);
        return;
    }
    let path = "product.delivery.guidance";
    let (group, outcome, reason): (Group, Outcome, &'static Reason) = match delivery.guidance {
        None => (
            Group::AskFirst,
            Outcome::Undetermined,
            &reasons::ORTHOPAEDIC_INJECTION_CLINIC_DOES_SAY,
        ),
        Some(g) if g.is_imaging() => (
            Group::GoodSign,
            Outcome::Met,
            &reasons::ORTHOPAEDIC_INJECTION_IMAGE_GUIDED,
        ),
        Some(_) => (
            Group::AskFirst,
            Outcome::NotMet,
            &reasons::BLIND_ORTHOPAEDIC_INJECTION_CELLS_MAY,
        ),
    };
    let f = c
        .file(group, rule, outcome)
        .point_at(path)
        .why(reason)
        .add(route);
    match delivery.guidance {
        Some(g) => f.add(Fact::code(path, g.code())),
        None => f.lack(path),
    };
}

/// The NCT ids of `trials`, joined by ", ", in one allocation.
pub(super) fn nct_ids<'a>(
    trials: impl Iterator<Item = &'a crate::TrialEvidence> + Clone,
) -> String {
    let len = trials
        .clone()
        .enumerate()
        .map(|(i, t)| t.nct_id.as_str().len() + if i == 0 { 0 } else { 2 })
        .sum();
    let mut ids = String::with_capacity(len);
    for t in trials {
        if !ids.is_empty() {
            ids.push_str(", ");
        }
        ids.push_str(t.nct_id.as_str());
    }
    ids
}

/// Returns whether the offer has evidence for the condition: a qualifying trial, or a full
/// authorisation of the product it names, for this condition, where it is given.
pub(super) fn trial_evidence(
    offer: &ClinicOffer,
    on_label: Option<&'static ApprovedProduct>,
    c: &mut Collector,
) -> bool {
    let rule = RuleId::OfferTrialEvidence;
    let indication = indication_fact(offer);
    let own = offer.indication.listed();
    let qualifying = offer
        .evidence
        .iter()
        .filter(|t| own == Some(t.indication) && t.is_completed_positive_phase2_or_3());
    if qualifying.clone().next().is_some() {
        c.file(Group::GoodSign, rule, Outcome::Met)
            .point_at("evidence")
            .why(&reasons::COMPLETED_PHASE_II_III_TRIAL)
            .add(indication)
            .add(owned("evidence.nct_id", nct_ids(qualifying)));
        return true;
    }
    if let Some(p) = on_label.filter(|p| p.kind.is_full()) {
        c.file(Group::GoodSign, rule, Outcome::Met)
            .point_at("authorisation")
            .why(&reasons::PRODUCT_HOLDS_FULL_AUTHORISATION_CONDITION)
            .add(indication)
            .add(Fact::code("catalog.key", p.key.code()))
            .add(Fact::code("catalog.kind", p.kind.code()));
        return true;
    }
    if offer.evidence.is_empty() {
        c.file(Group::AskFirst, rule, Outcome::Undetermined)
            .point_at("evidence")
            .why(&reasons::TRIAL_CITED_LOOK_UP_YOUR)
            .add(indication)
            .lack("evidence");
    } else {
        c.file(Group::AskFirst, rule, Outcome::NotMet)
            .point_at("evidence")
            .why(&reasons::NONE_CITED_TRIALS_COMPLETED_PHASE)
            .add(indication)
            .add(owned("evidence.nct_id", nct_ids(offer.evidence.iter())));
    }
    false
}

/// A yes-or-no fact of the offer: a good sign when true, `when_false` when false, a question
/// when not stated.
pub(super) fn flag_rule(
    c: &mut Collector,
    rule: RuleId,
    path: &'static str,
    value: Option<bool>,
    when_false: Group,
    reasons: [&'static Reason; 3],
) {
    let [yes, no, unknown] = reasons;
    let (group, outcome, reason): (Group, Outcome, &'static Reason) = match value {
        Some(true) => (Group::GoodSign, Outcome::Met, yes),
        Some(false) => (when_false, Outcome::NotMet, no),
        None => (Group::AskFirst, Outcome::Undetermined, unknown),
    };
    let f = c.file(group, rule, outcome).point_at(path).why(reason);
    match value {
        Some(v) => f.add(Fact::flag(path, v)),
        None => f.lack(path),
    };
}
