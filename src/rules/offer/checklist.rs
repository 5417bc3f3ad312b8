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
                "The product is not meant to hold living cells, so there is no live cell count to ask for.",
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
            "The clinic does not say how many live, nucleated cells it will inject: the patient's checklist says to walk out.",
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
            "The stated live cell count is below a million: a 'whiff' of cells is not enough to trigger a biological response.",
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
            "The clinic states a cell count for donor cells, but nothing shows the cells are alive: ask for the certificate of analysis with its viability.",
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
            "The clinic states a live cell count in the millions, but an independent test of the product contradicts it (see the independent-test finding): the measurement wins.",
        ));
        return;
    }
    push_count(c.add(
        Group::GoodSign,
        rule,
        Outcome::Met,
        path,
        "The clinic states the number of live, nucleated cells it injects, in the millions.",
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
                    "The clinic says which tissue the cells come from and whose cells they are.",
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
                    "The clinic is said to have disclosed the source, but the tissue or the donor is not recorded.",
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
                "The clinic does not say where the cells come from or whether they are yours or a donor's.",
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
                "It is not known whether the clinic said where the cells come from.",
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
            "Whether the cells are your own or a donor's is not stated, so it is not known whether a certificate of analysis is needed.",
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
            "Your own cells, prepared for you: there is no donor lot and no certificate of analysis to ask for.",
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
    let (group, outcome, reason) = match shown {
        Some(true) => (
            Group::GoodSign,
            Outcome::Met,
            "The clinic shows the certificate of analysis for the donor cells.",
        ),
        Some(false) => (
            Group::AskFirst,
            Outcome::NotMet,
            "Donor cells without a certificate of analysis: nothing shows the cells are alive.",
        ),
        None => (
            Group::AskFirst,
            Outcome::Undetermined,
            "It is not known whether the clinic shows a certificate of analysis for the donor cells.",
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
            "The route is not stated, so it is not known whether image guidance is needed.",
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
            "Not an injection into a joint, disc, tendon or bone.",
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
                "An orthopaedic injection, and the clinic does not say how the needle is guided.",
            );
            f.facts.push(route);
            f.missing.push(path);
        }
        Some(g) => {
            let (group, outcome, reason) = if g.is_imaging() {
                (
                    Group::GoodSign,
                    Outcome::Met,
                    "The orthopaedic injection is image-guided.",
                )
            } else {
                (
                    Group::AskFirst,
                    Outcome::NotMet,
                    "A 'blind' orthopaedic injection: the cells may end up in the wrong tissue, making the treatment useless.",
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
            "A completed Phase II or III trial with a positive result is cited for this condition.",
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
            "The product holds a full authorisation for this condition, granted on the trial evidence its regulator reviewed.",
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
            "No trial is cited. Look up your condition on ClinicalTrials.gov: without a successful Phase II or III trial you would essentially be an n=1 experiment.",
        );
        f.facts.push(indication);
        f.missing.push("evidence");
    } else {
        let f = c.add(
            Group::AskFirst,
            rule,
            Outcome::NotMet,
            "evidence",
            "None of the cited trials is a completed Phase II or III trial with a positive result for this condition: you would essentially be an n=1 experiment.",
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
    reasons: [&'static str; 3],
) {
    let [yes, no, unknown] = reasons;
    let (group, outcome, reason) = match value {
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
