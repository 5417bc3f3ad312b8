//! Product identity: the offer's facts against a catalog entry.

use super::*;

/// The facts of a comparison, staged on the stack: at most 22 (the entry's key; two per
/// compared product fact, for the indication and for the place; the patient's age with the
/// label's two bounds; whether standard treatments were tried with the label's requirement; the
/// status on the evaluation date with at most two of its dates; the contradictions).
pub(super) type ComparisonFacts = SmallVec<[Fact; 22]>;

/// How the offer's facts compare with one catalog entry.
pub(super) struct Comparison {
    /// Offer facts that contradict the entry (dotted paths).
    pub(super) contradicts: SmallVec<[&'static str; 8]>,
    /// Offer facts the comparison needs and the offer does not give.
    pub(super) unknown: SmallVec<[&'static str; 8]>,
}

/// The offered tissue is the entry's tissue (Wharton's jelly is umbilical cord tissue).
pub(super) fn same_tissue(offered: TissueSource, approved: TissueSource) -> bool {
    offered == approved
        || (offered == TissueSource::WhartonsJelly && approved == TissueSource::UmbilicalCordTissue)
}

/// An age as a fact: its number, with its unit.
pub(super) fn age_fact(name: &'static str, age: Age) -> Fact {
    Fact::number(name, age.value()).with_unit(age.unit().code())
}

/// Compares the offer with `p`: tissue, donor, preparation, route, indication and the patients
/// the label covers (the patient's age, and whether standard treatments were tried when the
/// label requires an earlier treatment), and, when `place` is set, the jurisdiction and the
/// entry's status on that evaluation date ([`ApprovedProduct::status_on`]: a withdrawal, or a
/// date before the authorisation, contradicts the claimed authorisation). The facts of the comparison are added to `facts` when it is given; a
/// label's bounds are added when the offer contradicts them or does not give the patient's
/// fact.
pub(super) fn compare_with(
    offer: &ClinicOffer,
    p: &ApprovedProduct,
    place: Option<jiff::civil::Date>,
    mut facts: Option<&mut ComparisonFacts>,
) -> Comparison {
    let product = &offer.product;
    let mut c = Comparison {
        contradicts: SmallVec::new(),
        unknown: SmallVec::new(),
    };
    let mut fact = |fact: Fact| {
        if let Some(facts) = facts.as_deref_mut() {
            facts.push(fact);
        }
    };
    fact(Fact::code("catalog.key", p.key.code()).as_limit());
    match product.tissue {
        Some(t) => {
            fact(Fact::code("product.tissue", t.code()));
            if !same_tissue(t, p.tissue) {
                c.contradicts.push("product.tissue");
                fact(Fact::code("catalog.tissue", p.tissue.code()).as_limit());
            }
        }
        None => c.unknown.push("product.tissue"),
    }
    match product.donor {
        Some(d) => {
            fact(Fact::code("product.donor", d.code()));
            if !d.agrees_with(p.donor) {
                c.contradicts.push("product.donor");
                fact(Fact::code("catalog.donor", p.donor.code()).as_limit());
            }
        }
        None => c.unknown.push("product.donor"),
    }
    match product.preparation {
        Some(prep) => {
            fact(Fact::code("product.preparation", prep.code()));
            if prep != p.preparation {
                c.contradicts.push("product.preparation");
                fact(Fact::code("catalog.preparation", p.preparation.code()).as_limit());
            }
        }
        None => c.unknown.push("product.preparation"),
    }
    match product.delivery {
        Some(d) => {
            fact(Fact::code("product.delivery.route", d.route.code()));
            if d.route != p.route {
                c.contradicts.push("product.delivery.route");
                fact(Fact::code("catalog.route", p.route.code()).as_limit());
            }
        }
        None => c.unknown.push("product.delivery.route"),
    }
    fact(indication_fact(offer));
    if !offer
        .indication
        .listed()
        .is_some_and(|i| p.indications.contains(&i))
    {
        c.contradicts.push("indication");
        fact(Fact::terms("catalog.indications", p.indications.iter().copied()).as_limit());
    }
    let population = &p.population;
    if population.restricts_age() {
        let covered = match offer.patient.age {
            Some(age) => {
                fact(age_fact("patient.age", age));
                let covered = population.covers_age(&age);
                if !covered {
                    c.contradicts.push("patient.age");
                }
                covered
            }
            None => {
                c.unknown.push("patient.age");
                false
            }
        };
        if !covered {
            if let Some(min) = population.min_age {
                fact(age_fact("catalog.population.min_age", min).as_limit());
            }
            if let Some(end) = population.below_age {
                fact(age_fact("catalog.population.below_age", end).as_limit());
            }
        }
    }
    if population.after_prior_treatment {
        let path = "patient.standard_treatments_tried";
        let tried = offer.patient.standard_treatments_tried;
        match tried {
            Some(t) => {
                fact(Fact::flag(path, t));
                if !t {
                    c.contradicts.push(path);
                }
            }
            None => c.unknown.push(path),
        }
        if tried != Some(true) {
            fact(Fact::flag("catalog.population.after_prior_treatment", true).as_limit());
        }
    }
    if let Some(on) = place {
        match offer.jurisdiction {
            Some(j) => {
                fact(Fact::code("jurisdiction", j.code()));
                if !j.is_within(p.jurisdiction) {
                    c.contradicts.push("jurisdiction");
                    fact(Fact::code("catalog.jurisdiction", p.jurisdiction.code()).as_limit());
                }
            }
            None => c.unknown.push("jurisdiction"),
        }
        let status = p.status_on(on);
        fact(Fact::code("catalog.status", status.code()).as_limit());
        let mut date = |name: &'static str, day: Option<jiff::civil::Date>| {
            if let Some(day) = day {
                fact(Fact::date(name, day).as_limit());
            }
        };
        match status {
            AuthorisationStatus::Withdrawn => {
                c.contradicts.push("catalog.status");
                date("catalog.withdrawn_on", p.withdrawn_on);
            }
            AuthorisationStatus::NotYetAuthorised => {
                c.contradicts.push("catalog.status");
                date("catalog.authorised_on", p.authorised_on);
            }
            AuthorisationStatus::TimeLimitEnded => {
                date("catalog.time_limit_ends_on", p.time_limit_ends_on);
            }
            AuthorisationStatus::PendingFullApproval => {
                date("catalog.time_limit_ends_on", p.time_limit_ends_on);
                date(
                    "catalog.full_approval_applied_on",
                    p.full_approval_applied_on,
                );
            }
            // No date beyond those already written explains these statuses.
            AuthorisationStatus::InForce
            | AuthorisationStatus::Unconfirmed
            | AuthorisationStatus::Restricted => {}
        }
    }
    if !c.contradicts.is_empty() {
        fact(Fact::code_list("contradicts", c.contradicts.iter().copied()).as_derived());
    }
    c
}

/// How the offer uses the authorised product it names.
#[derive(Clone, Copy)]
pub(super) enum NamedUse {
    /// The named product, in force where the offer is made, given as its label says.
    OnLabel(&'static ApprovedProduct),
    /// The named product, in force where the offer is made, given outside its label: for
    /// another condition, by another route, or to patients the label does not cover.
    OffLabel(&'static ApprovedProduct),
    /// No product named, or not shown to be the named product in force here.
    Neither,
}

impl NamedUse {
    pub(super) const fn on_label(self) -> Option<&'static ApprovedProduct> {
        match self {
            Self::OnLabel(p) => Some(p),
            Self::OffLabel(_) | Self::Neither => None,
        }
    }
}

/// Contradictions that make an offer use its product outside the label, not a different
/// product: the condition, the route, and the patients the label covers.
pub(super) const OFF_LABEL: [&str; 4] = [
    "indication",
    "product.delivery.route",
    "patient.age",
    "patient.standard_treatments_tried",
];

/// Judges the authorised product the offer names: on label (the entry matches the offer's use
/// where the offer is made), off label (the same product in force here, used outside its label),
/// or neither.
pub(super) fn product_identity(
    offer: &ClinicOffer,
    named: Option<Option<&'static ApprovedProduct>>,
    c: &mut Collector,
    on: jiff::civil::Date,
) -> NamedUse {
    let rule = RuleId::OfferProductIdentity;
    let Some(named) = named else {
        c.file(Group::Note, rule, Outcome::NotApplicable)
            .point_at("authorisation")
            .why(&reasons::OFFER_NAMES_AUTHORISED_PRODUCT);
        return NamedUse::Neither;
    };
    let Some(p) = named else {
        let number = match &offer.authorisation {
            Some(crate::ProductReference::AuthorisationNumber(n)) => n.as_str().to_owned(),
            // A catalog key always resolves; no reference means no number.
            Some(crate::ProductReference::CatalogKey(_)) | None => String::new(),
        };
        c.file(Group::AskFirst, rule, Outcome::Undetermined)
            .point_at("authorisation.authorisation_number")
            .why(&reasons::AUTHORISATION_NUMBER_CLINIC_GIVES_ONE)
            .add(owned("authorisation.authorisation_number", number))
            .lack("authorisation.catalog_key");
        return NamedUse::Neither;
    };
    let mut facts = ComparisonFacts::new();
    let cmp = compare_with(offer, p, Some(on), Some(&mut facts));
    let status = p.status_on(on);
    let off_label = |path: &&str| OFF_LABEL.contains(path);
    // Another product, or not this product's authorisation here: the claim of an authorisation
    // is false. Only the label's use contradicted, with the product and the place shown: the
    // authorised product, used off label.
    let other_product = cmp.contradicts.iter().any(|p| !off_label(p));
    let identity_shown = !cmp.unknown.iter().any(|p| !off_label(p)) && status.confirmed_in_force();
    let (group, outcome, reason, named_use): (Group, Outcome, &'static Reason, NamedUse) =
        if other_product {
            (
                Group::WalkAway,
                Outcome::NotMet,
                &reasons::CLINIC_NAMES_AUTHORISED_PRODUCT_BUT_2,
                NamedUse::Neither,
            )
        } else if !cmp.contradicts.is_empty() && identity_shown {
            (
                Group::AskFirst,
                Outcome::NotMet,
                &reasons::CLINIC_OFFERS_AUTHORISED_PRODUCT_NAMES,
                NamedUse::OffLabel(p),
            )
        } else if !cmp.contradicts.is_empty() || !cmp.unknown.is_empty() || !identity_shown {
            (
                Group::AskFirst,
                Outcome::Undetermined,
                &reasons::CLINIC_NAMES_AUTHORISED_PRODUCT_BUT,
                NamedUse::Neither,
            )
        } else {
            (
                Group::GoodSign,
                Outcome::Met,
                &reasons::PRODUCT_AUTHORISED_MSC_PRODUCT_GIVEN,
                NamedUse::OnLabel(p),
            )
        };
    let f = c
        .file(group, rule, outcome)
        .point_at("authorisation")
        .why(reason);
    if cmp.contradicts.is_empty() && cmp.unknown.is_empty() && !status.confirmed_in_force() {
        // The offer matches the entry: what stays open is the authorisation on the date.
        f.why(&reasons::AUTHORISED_PRODUCT_STANDING_OPEN)
            .add(owned("catalog.status_text", p.status_text_on(on)).as_limit());
    }
    f.facts.extend(facts.drain(..));
    // Facts the comparison lacks are missing only while it is undetermined: a contradiction
    // of the product decides it, and so does an off-label use of the product shown.
    if outcome == Outcome::Undetermined {
        f.lack_all(&cmp.unknown);
    }
    named_use
}
