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
                c.file(Group::WalkAway, RuleId::OfferClaimCure, Outcome::NotMet)
                    .point_at("claims")
                    .why(&reasons::CLINIC_PROMISES_CURE_MSC_TREATMENT)
                    .add(Fact::code("claims.kind", claim.kind.code()));
            }
            ClaimKind::BecomesNewTissue => {
                c.file(
                    Group::AskFirst,
                    RuleId::OfferClaimNewTissue,
                    Outcome::NotMet,
                )
                .point_at("claims")
                .why(&reasons::CLINIC_SAYS_CELLS_TURN_INTO)
                .add(Fact::code("claims.kind", claim.kind.code()));
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
                c.file(
                    Group::AskFirst,
                    RuleId::OfferClaimSatisfaction,
                    Outcome::NotMet,
                )
                .point_at("claims")
                .why(&reasons::CLINIC_QUOTES_PATIENT_SATISFACTION_SUCCESS)
                .add(Fact::code("claims.kind", claim.kind.code()));
            }
            ClaimKind::Testimonials => {
                c.file(
                    Group::AskFirst,
                    RuleId::OfferClaimTestimonials,
                    Outcome::NotMet,
                )
                .point_at("claims")
                .why(&reasons::CLINIC_OFFERS_PATIENTS_STORIES_EVIDENCE)
                .add(Fact::code("claims.kind", claim.kind.code()));
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
            c.file(Group::AskFirst, rule, Outcome::Undetermined)
                .point_at("claims")
                .why(&reasons::CLINIC_CLAIMS_FDA_APPROVAL_BUT_4)
                .lack("claims[].indications");
            return;
        }
        Some(list) if list.is_empty() => match &offer.indication {
            crate::StatedIndication::Listed(own) => std::slice::from_ref(own),
            // A condition outside the list: the catalog holds no product approved for it.
            crate::StatedIndication::Unlisted(_) => {
                c.file(Group::WalkAway, rule, Outcome::NotMet)
                    .point_at("claims")
                    .why(&reasons::CLINIC_CLAIMS_FDA_APPROVAL_BUT_3)
                    .add(indication_fact(offer))
                    .add(
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
        c.file(Group::WalkAway, rule, Outcome::NotMet)
            .point_at("claims")
            .why(&reasons::CLINIC_CLAIMS_FDA_APPROVAL_BUT_3)
            .add(claimed())
            .add(code_list_of("no_fda_approved_msc_product_for", unapproved).as_derived());
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
            c.file(Group::WalkAway, rule, Outcome::NotMet)
                .point_at("authorisation")
                .why(&reasons::CLINIC_CLAIMS_FDA_APPROVAL_BUT_2)
                .add(claimed())
                .add(keys())
                .add(Fact::code("authorisation", p.key.code()))
                .add(Fact::code("catalog.jurisdiction", p.jurisdiction.code()).as_limit());
            return;
        }
        let mut facts = ComparisonFacts::new();
        let cmp = compare_with(offer, p, None, Some(&mut facts));
        let (group, outcome, reason): (Group, Outcome, &'static Reason) =
            if !cmp.contradicts.is_empty() {
                (
                    Group::WalkAway,
                    Outcome::NotMet,
                    &reasons::CLINIC_CLAIMS_FDA_APPROVAL_NAMES,
                )
            } else if !cmp.unknown.is_empty() {
                (
                    Group::AskFirst,
                    Outcome::Undetermined,
                    &reasons::CLINIC_NAMES_FDA_APPROVED_PRODUCT,
                )
            } else {
                (
                    Group::GoodSign,
                    Outcome::Met,
                    &reasons::PRODUCT_FDA_APPROVED_MSC_PRODUCT,
                )
            };
        let f = c
            .file(group, rule, outcome)
            .point_at("authorisation")
            .why(reason)
            .add(claimed());
        f.facts.extend(facts.drain(..));
        // A contradiction decides the claim: the facts the offer lacks could not change it.
        if cmp.contradicts.is_empty() {
            f.lack_all(&cmp.unknown);
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
            c.file(Group::WalkAway, rule, Outcome::NotMet)
                .point_at("claims")
                .why(&reasons::CLINIC_CLAIMS_FDA_APPROVAL_BUT)
                .add(claimed())
                .add(keys())
                .facts
                .extend(facts.drain(..));
            return;
        }
    }
    let f = c
        .file(Group::AskFirst, rule, Outcome::Undetermined)
        .point_at("authorisation")
        .why(&reasons::MSC_PRODUCT_FDA_APPROVED_CONDITION)
        .add(claimed())
        .add(keys())
        .lack("authorisation");
    // A fact the offer lacks could still contradict every approved product it might be (a
    // patient's age outside the label): it could change the answer too.
    for p in approved() {
        let cmp = compare_with(offer, p, None, None);
        if cmp.contradicts.is_empty() {
            for path in cmp.unknown {
                if !f.missing.contains(path) {
                    f.lack(path);
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
        c.file(Group::WalkAway, rule, Outcome::NotMet)
            .point_at("content_tests")
            .why(&reasons::CLINIC_SELLS_PRODUCT_LIVE_STEM)
            .add(Fact::flag("content_tests.msc_found", false))
            .add(Fact::code_list("contradicts", ["claims", "content_tests"]).as_derived());
        return;
    }
    let Some(tissue) = product.tissue else {
        c.file(Group::AskFirst, rule, Outcome::Undetermined)
            .point_at("product.tissue")
            .why(&reasons::CLINIC_CLAIMS_LIVE_STEM_CELLS)
            .lack("product.tissue");
        return;
    };
    let off_the_shelf = product.supply == Some(SupplyModel::OffTheShelf)
        || product.preparation == Some(CellPreparation::PerinatalAllograft);
    let tissue_fact = Fact::code("product.tissue", tissue.code());
    if !(tissue.info().perinatal && off_the_shelf) {
        c.file(Group::Note, rule, Outcome::NotApplicable)
            .point_at("product.tissue")
            .why(&reasons::OFF_SHELF_BIRTH_TISSUE_PRODUCT_2)
            .add(tissue_fact);
        return;
    }
    // Whether the product shows MSCs (identity markers or colony-forming cells) is the quality
    // engine's perinatal rule; the claim is judged on its outcome.
    let evidence = quality
        .finding(RuleId::QualityPerinatalMscEvidence)
        .map_or(Outcome::Undetermined, |f| f.outcome);
    let evidence_fact =
        Fact::code(RuleId::QualityPerinatalMscEvidence.code(), evidence.code()).as_derived();
    let (group, outcome, reason): (Group, Outcome, &'static Reason) = if evidence == Outcome::Met {
        (
            Group::Note,
            Outcome::Met,
            &reasons::IDENTITY_MARKERS_COLONY_FORMING_CFU,
        )
    } else {
        (
            Group::WalkAway,
            Outcome::NotMet,
            &reasons::OFF_SHELF_BIRTH_TISSUE_PRODUCT,
        )
    };
    let f = c
        .file(group, rule, outcome)
        .point_at("product.release")
        .why(reason)
        .add(tissue_fact)
        .add(evidence_fact);
    if evidence == Outcome::Undetermined {
        f.lack_all(&[
            "product.release.cfu_f_per_million",
            "product.release.identity.markers",
        ]);
    }
}

pub(super) fn no_rejection_claim(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferClaimNoRejection;
    match offer.product.donor {
        Some(d) if d.is_autologous() => {
            c.file(Group::Note, rule, Outcome::NotApplicable)
                .point_at("product.donor")
                .why(&reasons::YOUR_OWN_CELLS_REJECTION_CONCERN)
                .add(Fact::code("product.donor", d.code()));
        }
        Some(d) => {
            c.file(Group::AskFirst, rule, Outcome::NotMet)
                .point_at("claims")
                .why(&reasons::REJECTION_DONOR_CELLS_MSCS_HAVE)
                .add(Fact::code("product.donor", d.code()));
        }
        None => {
            c.file(Group::AskFirst, rule, Outcome::Undetermined)
                .point_at("product.donor")
                .why(&reasons::CLINIC_CLAIMS_REJECTION_WITHOUT_SAYING)
                .lack("product.donor");
        }
    }
}

pub(super) fn approved_anywhere(offer: &ClinicOffer, c: &mut Collector, on: jiff::civil::Date) {
    let rule = RuleId::OfferApprovedAnywhere;
    let indication = indication_fact(offer);
    let crate::StatedIndication::Listed(own) = &offer.indication else {
        c.file(Group::Note, rule, Outcome::NotMet)
            .point_at("indication")
            .why(&reasons::CONDITION_ONE_CRATE_S_CATALOG)
            .add(indication);
        return;
    };
    let approved = || ApprovedProduct::approved_anywhere_on(*own, on).map(|p| p.key);
    if approved().next().is_none() {
        c.file(Group::Note, rule, Outcome::NotMet)
            .point_at("indication")
            .why(&reasons::MSC_PRODUCT_HOLDS_MARKETING_AUTHORISATION)
            .add(indication);
    } else {
        c.file(Group::Note, rule, Outcome::Met)
            .point_at("indication")
            .why(&reasons::MSC_PRODUCTS_AUTHORISED_CONDITION_SOME)
            .add(indication)
            .add(code_list_of("approved_products", approved));
    }
}
