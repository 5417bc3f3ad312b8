//! The offer's claims: FDA approval, live stem cells, no rejection, approved anywhere.

use super::*;

pub(super) fn claims(
    offer: &ClinicOffer,
    named: Option<&'static ApprovedProduct>,
    quality: &QualityReport,
    measured: Measured,
    c: &mut Collector,
    on: jiff::civil::Date,
) {
    // One flag per kind of claim: each kind is judged once, except claims of FDA approval, which
    // may each name other conditions.
    let mut judged = [false; ClaimKind::COUNT];
    for claim in offer.claims.iter().flatten() {
        let seen = &mut judged[claim.kind as usize];
        if *seen && claim.kind != ClaimKind::FdaApproved {
            continue;
        }
        *seen = true;
        match claim.kind {
            ClaimKind::Cures => {
                c.add(
                    Group::WalkAway,
                    RuleId::OfferClaimCure,
                    Outcome::NotMet,
                    "claims",
                    "The clinic promises a cure. MSC treatment is not a cure ('Is it a cure? No.'): a clinic that promises one misrepresents it.",
                )
                .facts
                .push(Fact::code("claims.kind", claim.kind.code()));
            }
            ClaimKind::BecomesNewTissue => {
                c.add(
                    Group::AskFirst,
                    RuleId::OfferClaimNewTissue,
                    Outcome::NotMet,
                    "claims",
                    "The clinic says the cells turn into new tissue. They act by signalling and mostly vanish: the differentiation idea is a myth from the late 1990s.",
                )
                .facts
                .push(Fact::code("claims.kind", claim.kind.code()));
            }
            ClaimKind::TreatsManyConditions => {
                // Judged with every condition the offer names, by `many_conditions`.
            }
            ClaimKind::FdaApproved => fda_claim(offer, claim, named, c, on),
            ClaimKind::ContainsLiveStemCells => {
                live_stem_cells_claim(offer, quality, measured, c);
            }
            ClaimKind::NoRejection => no_rejection_claim(offer, c),
            ClaimKind::SuperiorToStandardCare => superiority_claim(offer, c),
            ClaimKind::SatisfactionStatistics => {
                c.add(
                    Group::AskFirst,
                    RuleId::OfferClaimSatisfaction,
                    Outcome::NotMet,
                    "claims",
                    "The clinic quotes patient-satisfaction or success-rate figures. They are not evidence that the treatment works (no comparison group, no blinding, the clinic chooses whom it asks) and they never count as such: only a completed Phase II or III trial for your condition does.",
                )
                .facts
                .push(Fact::code("claims.kind", claim.kind.code()));
            }
            ClaimKind::Testimonials => {
                c.add(
                    Group::AskFirst,
                    RuleId::OfferClaimTestimonials,
                    Outcome::NotMet,
                    "claims",
                    "The clinic offers patients' stories as evidence. A testimonial needs the same scientific support as the clinic's own claims, and a story about one patient is not a trial: it never counts as evidence.",
                )
                .facts
                .push(Fact::code("claims.kind", claim.kind.code()));
            }
        }
    }
}

/// A claim of FDA approval, checked against the catalog: the conditions it covers, then the
/// product it names (or, when it names none, every FDA-approved product for them).
pub(super) fn fda_claim(
    offer: &ClinicOffer,
    claim: &crate::Claim,
    named: Option<&'static ApprovedProduct>,
    c: &mut Collector,
    on: jiff::civil::Date,
) {
    let rule = RuleId::OfferClaimFdaApproved;
    // `Claim::conditions`, borrowed: the claim's conditions, or the patient's when it lists none.
    let indications: &[Indication] = match &claim.indications {
        None => {
            c.add(
                Group::AskFirst,
                rule,
                Outcome::Undetermined,
                "claims",
                "The clinic claims FDA approval, but the conditions the claim covers are not recorded, so it cannot be checked.",
            )
            .missing
            .push("claims[].indications");
            return;
        }
        Some(list) if list.is_empty() => match &offer.indication {
            crate::StatedIndication::Listed(own) => std::slice::from_ref(own),
            // A condition outside the list: the catalog holds no product approved for it.
            crate::StatedIndication::Unlisted(_) => {
                let f = c.add(
                    Group::WalkAway,
                    rule,
                    Outcome::NotMet,
                    "claims",
                    "The clinic claims FDA approval, but no MSC product is FDA-approved for this condition: the claim is false.",
                );
                f.facts.push(indication_fact(offer));
                f.facts.push(
                    Fact::new(
                        "no_fda_approved_msc_product_for",
                        FactValue::Text(Cow::Borrowed("indication")),
                    )
                    .as_derived(),
                );
                return;
            }
        },
        Some(list) => list,
    };
    let claimed = || Fact::terms("claims.indications", indications.iter().copied());
    let unapproved = || {
        indications
            .iter()
            .filter(|i| {
                ApprovedProduct::approved_in_on(Jurisdiction::UnitedStates, **i, on)
                    .next()
                    .is_none()
            })
            .copied()
    };
    if unapproved().next().is_some() {
        let f = c.add(
            Group::WalkAway,
            rule,
            Outcome::NotMet,
            "claims",
            "The clinic claims FDA approval, but no MSC product is FDA-approved for this condition: the claim is false.",
        );
        f.facts.push(claimed());
        f.facts
            .push(code_list_of("no_fda_approved_msc_product_for", unapproved).as_derived());
        return;
    }
    let approved = || {
        ApprovedProduct::by_jurisdiction(Jurisdiction::UnitedStates).filter(|p| {
            p.status_on(on).in_force() && indications.iter().all(|i| p.indications.contains(i))
        })
    };
    let keys = || code_list_of("fda_approved_products", || approved().map(|p| p.key)).as_limit();
    if let Some(p) = named {
        if !approved().any(|a| a.key == p.key) {
            let f = c.add(
                Group::WalkAway,
                rule,
                Outcome::NotMet,
                "authorisation",
                "The clinic claims FDA approval, but the product it names holds no FDA approval for this condition.",
            );
            f.facts.push(claimed());
            f.facts.push(keys());
            f.facts.push(Fact::code("authorisation", p.key.code()));
            f.facts
                .push(Fact::code("catalog.jurisdiction", p.jurisdiction.code()).as_limit());
            return;
        }
        let mut facts = ComparisonFacts::new();
        let cmp = compare_with(offer, p, None, Some(&mut facts));
        let (group, outcome, reason) = if !cmp.contradicts.is_empty() {
            (
                Group::WalkAway,
                Outcome::NotMet,
                "The clinic claims FDA approval and names the approved product, but the offer contradicts that product's approval (see `contradicts`).",
            )
        } else if !cmp.unknown.is_empty() {
            (
                Group::AskFirst,
                Outcome::Undetermined,
                "The clinic names the FDA-approved product, but the offer does not give every fact its approval turns on.",
            )
        } else {
            (
                Group::GoodSign,
                Outcome::Met,
                "The product is the FDA-approved MSC product for this condition, and the offer matches its approval.",
            )
        };
        let f = c.add(group, rule, outcome, "authorisation", reason);
        f.facts.push(claimed());
        f.facts.extend(facts.drain(..));
        // A contradiction decides the claim: the facts the offer lacks could not change it.
        if cmp.contradicts.is_empty() {
            f.missing = cmp.unknown.iter().copied().collect();
        }
        return;
    }
    // Not named: the claim can only be true of one of the approved products. Facts that
    // contradict every one of them make it false.
    let mut products = approved().peekable();
    let first = products.peek().copied();
    if let Some(first) = first {
        if products.all(|p| !compare_with(offer, p, None, None).contradicts.is_empty()) {
            let mut facts = ComparisonFacts::new();
            compare_with(offer, first, None, Some(&mut facts));
            let f = c.add(
                Group::WalkAway,
                rule,
                Outcome::NotMet,
                "claims",
                "The clinic claims FDA approval, but the offer contradicts the approval of the FDA-approved product for this condition (see `contradicts`): it is not that product, or not given to a patient that approval covers, so the claim is false.",
            );
            f.facts.push(claimed());
            f.facts.push(keys());
            f.facts.extend(facts.drain(..));
            return;
        }
    }
    let f = c.add(
        Group::AskFirst,
        rule,
        Outcome::Undetermined,
        "authorisation",
        "An MSC product is FDA-approved for this condition, but the offer does not name the product by its catalog key or approval number.",
    );
    f.facts.push(claimed());
    f.facts.push(keys());
    f.missing.push("authorisation");
    // A fact the offer lacks could still contradict every approved product it might be (a
    // patient's age outside the label): it could change the answer too.
    for p in approved() {
        let cmp = compare_with(offer, p, None, None);
        if cmp.contradicts.is_empty() {
            for path in cmp.unknown {
                if !f.missing.contains(path) {
                    f.missing.push(path);
                }
            }
        }
    }
}

pub(super) fn live_stem_cells_claim(
    offer: &ClinicOffer,
    quality: &QualityReport,
    measured: Measured,
    c: &mut Collector,
) {
    let rule = RuleId::OfferClaimLiveStemCells;
    let product = &offer.product;
    // The measurement wins over the claim, whatever the tissue.
    if measured.no_msc {
        let f = c.add(
            Group::WalkAway,
            rule,
            Outcome::NotMet,
            "content_tests",
            "The clinic sells the product as live stem cells, but an independent test found no MSC-like cells in it: the measurement wins over the claim.",
        );
        f.facts.push(Fact::flag("content_tests.msc_found", false));
        f.facts
            .push(Fact::code_list("contradicts", ["claims", "content_tests"]).as_derived());
        return;
    }
    let Some(tissue) = product.tissue else {
        c.add(
            Group::AskFirst,
            rule,
            Outcome::Undetermined,
            "product.tissue",
            "The clinic claims live stem cells, but the source tissue is not stated.",
        )
        .missing
        .push("product.tissue");
        return;
    };
    let off_the_shelf = product.supply == Some(SupplyModel::OffTheShelf)
        || product.preparation == Some(CellPreparation::PerinatalAllograft);
    let tissue_fact = Fact::code("product.tissue", tissue.code());
    if !(tissue.info().perinatal && off_the_shelf) {
        c.add(
            Group::Note,
            rule,
            Outcome::NotApplicable,
            "product.tissue",
            "Not an off-the-shelf birth-tissue product; whether living cells are present is for the cell count and the quality findings.",
        )
        .facts
        .push(tissue_fact);
        return;
    }
    // Whether the product shows MSCs (identity markers or colony-forming cells) is the quality
    // engine's perinatal rule; the claim is judged on its outcome.
    let evidence = quality
        .finding(RuleId::QualityPerinatalMscEvidence)
        .map_or(Outcome::Undetermined, |f| f.outcome);
    let evidence_fact =
        Fact::code(RuleId::QualityPerinatalMscEvidence.code(), evidence.code()).as_derived();
    let f = if evidence == Outcome::Met {
        c.add(
            Group::Note,
            rule,
            Outcome::Met,
            "product.release",
            "Identity markers or a colony-forming (CFU-F) test show MSC-like cells in the product.",
        )
    } else {
        c.add(
            Group::WalkAway,
            rule,
            Outcome::NotMet,
            "product.release",
            "An off-the-shelf birth-tissue product sold as live stem cells, with no test showing MSC-like (colony-forming) cells: published tests of such products found none.",
        )
    };
    f.facts.push(tissue_fact);
    f.facts.push(evidence_fact);
    if evidence == Outcome::Undetermined {
        f.missing.push("product.release.cfu_f_per_million");
        f.missing.push("product.release.identity.markers");
    }
}

pub(super) fn no_rejection_claim(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferClaimNoRejection;
    match offer.product.donor {
        Some(d) if d.is_autologous() => {
            c.add(
                Group::Note,
                rule,
                Outcome::NotApplicable,
                "product.donor",
                "Your own cells: rejection is not the concern.",
            )
            .facts
            .push(Fact::code("product.donor", d.code()));
        }
        Some(d) => {
            c.add(
                Group::AskFirst,
                rule,
                Outcome::NotMet,
                "claims",
                "'No rejection' for donor cells: MSCs have low immunogenicity, which is not a guarantee.",
            )
            .facts
            .push(Fact::code("product.donor", d.code()));
        }
        None => {
            c.add(
                Group::AskFirst,
                rule,
                Outcome::Undetermined,
                "product.donor",
                "The clinic claims 'no rejection' without saying whose cells they are.",
            )
            .missing
            .push("product.donor");
        }
    }
}

pub(super) fn approved_anywhere(offer: &ClinicOffer, c: &mut Collector, on: jiff::civil::Date) {
    let rule = RuleId::OfferApprovedAnywhere;
    let indication = indication_fact(offer);
    let crate::StatedIndication::Listed(own) = &offer.indication else {
        c.add(
            Group::Note,
            rule,
            Outcome::NotMet,
            "indication",
            "The condition is not one the crate's catalog lists, and no MSC product in the catalog is authorised for it: an offer for it is experimental unless the clinic names an authorisation a regulator granted for it.",
        )
        .facts
        .push(indication);
        return;
    };
    let approved = || ApprovedProduct::approved_anywhere_on(*own, on).map(|p| p.key);
    if approved().next().is_none() {
        c.add(
            Group::Note,
            rule,
            Outcome::NotMet,
            "indication",
            "No MSC product holds a marketing authorisation anywhere for this condition: any offer for it is experimental.",
        )
        .facts
        .push(indication);
    } else {
        let f = c.add(
            Group::Note,
            rule,
            Outcome::Met,
            "indication",
            "MSC products are authorised for this condition in some jurisdictions; the product offered is one of them only if the offer names it and matches its authorisation.",
        );
        f.facts.push(indication);
        f.facts.push(code_list_of("approved_products", approved));
    }
}
