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
            c.add(
                Group::Note,
                rule,
                Outcome::NotApplicable,
                "product.preparation",
                &reasons::PRODUCT_MEANT_HOLD_LIVING_CELLS,
            )
            .facts
            .push(Fact::code("product.preparation", prep.code()));
            return;
        }
    }
    let path = "disclosures.live_nucleated_cells";
    let Some(count) = offer.disclosures.live_nucleated_cells else {
        c.add(
            Group::WalkAway,
            rule,
            Outcome::NotMet,
            path,
            &reasons::CLINIC_DOES_SAY_HOW_MANY,
        )
        .missing
        .push(path);
        return;
    };
    let push_count = |f: &mut Finding| {
        f.facts
            .push(Fact::number(path, count.as_f64()).with_unit("cells"));
        f.facts.push(
            Fact::number("policy.min_live_cells", policy.min_live_cells.as_f64())
                .with_unit("cells")
                .as_limit(),
        );
    };
    if count < policy.min_live_cells {
        push_count(c.add(
            Group::AskFirst,
            rule,
            Outcome::NotMet,
            path,
            &reasons::STATED_LIVE_CELL_COUNT_BELOW,
        ));
        return;
    }
    // Donor cells from a vial: a count is only a count of live cells if something shows they
    // are alive (the certificate of analysis with its viability, or a viability result).
    let own_cells = offer.product.donor.is_some_and(Donor::is_autologous);
    let viability_shown = offer.disclosures.certificate_of_analysis_shown == Some(true)
        || offer
            .product
            .release
            .as_ref()
            .is_some_and(|r| !r.viability.is_empty());
    if !own_cells && !viability_shown {
        let f = c.add(
            Group::AskFirst,
            rule,
            Outcome::Undetermined,
            path,
            &reasons::CLINIC_STATES_CELL_COUNT_DONOR,
        );
        push_count(f);
        f.missing.push("disclosures.certificate_of_analysis_shown");
        f.missing.push("product.release.viability");
        return;
    }
    // The measurement wins over the claim: a stated count a test contradicts is no good sign.
    if m.contradicts_count() {
        push_count(c.add(
            Group::Note,
            rule,
            Outcome::NotMet,
            path,
            &reasons::CLINIC_STATES_LIVE_CELL_COUNT,
        ));
        return;
    }
    push_count(c.add(
        Group::GoodSign,
        rule,
        Outcome::Met,
        path,
        &reasons::CLINIC_STATES_NUMBER_LIVE_NUCLEATED,
    ));
}

pub(super) fn source(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferSourceDisclosed;
    let (tissue, donor) = (offer.product.tissue, offer.product.donor);
    match offer.disclosures.source_disclosed {
        Some(true) => match (tissue, donor) {
            (Some(t), Some(d)) => {
                let f = c.add(
                    Group::GoodSign,
                    rule,
                    Outcome::Met,
                    "disclosures.source_disclosed",
                    &reasons::CLINIC_SAYS_WHICH_TISSUE_CELLS,
                );
                f.facts.push(Fact::code("product.tissue", t.code()));
                f.facts.push(Fact::code("product.donor", d.code()));
            }
            (None, _) | (_, None) => {
                let f = c.add(
                    Group::AskFirst,
                    rule,
                    Outcome::Undetermined,
                    "product",
                    &reasons::CLINIC_SAID_HAVE_DISCLOSED_SOURCE,
                );
                if tissue.is_none() {
                    f.missing.push("product.tissue");
                }
                if donor.is_none() {
                    f.missing.push("product.donor");
                }
            }
        },
        Some(false) => {
            c.add(
                Group::AskFirst,
                rule,
                Outcome::NotMet,
                "disclosures.source_disclosed",
                &reasons::CLINIC_DOES_SAY_WHERE_CELLS,
            )
            .facts
            .push(Fact::flag("disclosures.source_disclosed", false));
        }
        None => {
            c.add(
                Group::AskFirst,
                rule,
                Outcome::Undetermined,
                "disclosures.source_disclosed",
                &reasons::KNOWN_WHETHER_CLINIC_SAID_WHERE,
            )
            .missing
            .push("disclosures.source_disclosed");
        }
    }
}

pub(super) fn certificate(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferCertificateOfAnalysis;
    let Some(donor) = offer.product.donor else {
        c.add(
            Group::AskFirst,
            rule,
            Outcome::Undetermined,
            "product.donor",
            &reasons::WHETHER_CELLS_YOUR_OWN_DONOR,
        )
        .missing
        .push("product.donor");
        return;
    };
    if donor.is_autologous() {
        c.add(
            Group::Note,
            rule,
            Outcome::NotApplicable,
            "product.donor",
            &reasons::YOUR_OWN_CELLS_PREPARED_YOU,
        )
        .facts
        .push(Fact::code("product.donor", donor.code()));
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
    let f = c.add(group, rule, outcome, path, reason);
    f.facts.push(Fact::code("product.donor", donor.code()));
    match shown {
        Some(s) => f.facts.push(Fact::flag(path, s)),
        None => f.missing.push(path),
    }
}

pub(super) fn image_guidance(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferImageGuidance;
    let Some(delivery) = offer.product.delivery else {
        c.add(
            Group::AskFirst,
            rule,
            Outcome::Undetermined,
            "product.delivery",
            &reasons::ROUTE_STATED_SO_KNOWN_WHETHER,
        )
        .missing
        .push("product.delivery.route");
        return;
    };
    let route = Fact::code("product.delivery.route", delivery.route.code());
    if !delivery.route.info().orthopaedic {
        c.add(
            Group::Note,
            rule,
            Outcome::NotApplicable,
            "product.delivery.route",
            &reasons::INJECTION_INTO_JOINT_DISC_TENDON,
        )
        .facts
        .push(route);
        return;
    }
    let path = "product.delivery.guidance";
    match delivery.guidance {
        None => {
            let f = c.add(
                Group::AskFirst,
                rule,
                Outcome::Undetermined,
                path,
                &reasons::ORTHOPAEDIC_INJECTION_CLINIC_DOES_SAY,
            );
            f.facts.push(route);
            f.missing.push(path);
        }
        Some(g) => {
            let (group, outcome, reason): (Group, Outcome, &'static Reason) = if g.is_imaging() {
                (
                    Group::GoodSign,
                    Outcome::Met,
                    &reasons::ORTHOPAEDIC_INJECTION_IMAGE_GUIDED,
                )
            } else {
                (
                    Group::AskFirst,
                    Outcome::NotMet,
                    &reasons::BLIND_ORTHOPAEDIC_INJECTION_CELLS_MAY,
                )
            };
            let f = c.add(group, rule, outcome, path, reason);
            f.facts.push(route);
            f.facts.push(Fact::code(path, g.code()));
        }
    }
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
        let f = c.add(
            Group::GoodSign,
            rule,
            Outcome::Met,
            "evidence",
            &reasons::COMPLETED_PHASE_II_III_TRIAL,
        );
        f.facts.push(indication);
        f.facts.push(owned("evidence.nct_id", nct_ids(qualifying)));
        return true;
    }
    if let Some(p) = on_label.filter(|p| p.kind.is_full()) {
        let f = c.add(
            Group::GoodSign,
            rule,
            Outcome::Met,
            "authorisation",
            &reasons::PRODUCT_HOLDS_FULL_AUTHORISATION_CONDITION,
        );
        f.facts.push(indication);
        f.facts.push(Fact::code("catalog.key", p.key.code()));
        f.facts.push(Fact::code("catalog.kind", p.kind.code()));
        return true;
    }
    if offer.evidence.is_empty() {
        let f = c.add(
            Group::AskFirst,
            rule,
            Outcome::Undetermined,
            "evidence",
            &reasons::TRIAL_CITED_LOOK_UP_YOUR,
        );
        f.facts.push(indication);
        f.missing.push("evidence");
    } else {
        let f = c.add(
            Group::AskFirst,
            rule,
            Outcome::NotMet,
            "evidence",
            &reasons::NONE_CITED_TRIALS_COMPLETED_PHASE,
        );
        f.facts.push(indication);
        f.facts
            .push(owned("evidence.nct_id", nct_ids(offer.evidence.iter())));
    }
    false
}

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
    let f = c.add(group, rule, outcome, path, reason);
    match value {
        Some(v) => f.facts.push(Fact::flag(path, v)),
        None => f.missing.push(path),
    }
}
