//! Where the treatment is given, and the one decision of the route the law there sets for the
//! product ([`RuleId::OfferUsPathway`], [`RuleId::OfferEuPathway`],
//! [`RuleId::OfferJpPathway`], [`RuleId::OfferNationalPathway`]).

use super::*;

/// The trial registration the offer states, if any: its fact is only built (and its text
/// copied) when a finding uses it.
pub(super) type Trial<'a> = Option<&'a crate::NctId>;

pub(super) fn trial_fact(id: &crate::NctId) -> Fact {
    owned("disclosures.trial_registration", id.as_str().to_owned())
}

/// The place the offer is made ([`RuleId::OfferJurisdiction`]), then the classification under
/// its law and the pathway finding ([`decide`]). Returns the classification the offer carries:
/// none when the offer does not say where it is made.
pub(super) fn pathway(
    offer: &ClinicOffer,
    named_use: NamedUse,
    named: Option<&'static ApprovedProduct>,
    c: &mut Collector,
    on: jiff::civil::Date,
) -> Option<Classified> {
    let rule = RuleId::OfferJurisdiction;
    let Some(place) = offer.jurisdiction else {
        c.file(Group::AskFirst, rule, Outcome::Undetermined)
            .point_at("jurisdiction")
            .why(&reasons::OFFER_DOES_SAY_WHERE_TREATMENT)
            .lack("jurisdiction");
        return None;
    };
    let framework = place.info().framework;
    let f = c
        .file(Group::Note, rule, Outcome::Met)
        .point_at("jurisdiction")
        .why(&reasons::OFFER_SAYS_WHERE_TREATMENT_GIVEN)
        .add(Fact::code("jurisdiction", place.code()))
        .add(Fact::code("jurisdiction.framework", framework.code()).as_derived());
    // A permission counts only where its law applies: a hospital exemption in the EU, an ASRM
    // plan in Japan, a national authorisation where the crate has no engine.
    let permission = offer.permission.as_ref();
    let fits = |p: &&crate::Permission| p.kind.framework() == Some(framework);
    if let Some(p) = permission.filter(|p| !fits(p)) {
        f.add(Fact::code("permission.kind", p.kind.code()))
            .why(&reasons::OFFER_SAYS_WHERE_TREATMENT_GIVEN_2);
    }
    let classified = Classified::of(place, offer, named, on);
    let route = Route {
        place,
        trial: offer.disclosures.trial_registration.as_ref(),
        permission: permission.filter(fits),
    };
    decide(&classified, offer, named_use, &route, c, on);
    Some(classified)
}

/// What the offer shows of the route where it is made.
pub(super) struct Route<'a> {
    place: Jurisdiction,
    trial: Trial<'a>,
    /// The permission it names, if it is one the law of the place provides.
    permission: Option<&'a crate::Permission>,
}

/// **The pathway decision**, one for every law: what the law of the place requires of the
/// product (the [`Pathway`] column of its classification's row), against what the offer shows.
/// The law's row ([`Law`]) gives the words. In order:
///
/// 1. an authorised product used as authorised: its authorisation is the route (a good sign);
/// 2. used off label where the law leaves that to the physician: lawful, outside the label's
///    evidence (a question);
/// 3. a classification that settles the rule: excepted or under the tissue rules (a note), or
///    open (a question);
/// 4. a registered trial (a note);
/// 5. a permission the law provides, by how the offer holds it;
/// 6. used off label where the law treats that as unapproved use, with neither (a question);
/// 7. no route shown.
pub(super) fn decide(
    x: &Classified,
    offer: &ClinicOffer,
    named_use: NamedUse,
    route: &Route<'_>,
    c: &mut Collector,
    on: jiff::civil::Date,
) {
    let law = x.law();
    let rule = law.rule;
    let pathway = x.pathway();
    let (class, more) = x.facts();
    let off_label = match named_use {
        NamedUse::OnLabel(p) => {
            c.file(Group::GoodSign, rule, Outcome::Met)
                .point_at("authorisation")
                .why(&reasons::PRODUCT_AUTHORISED_HERE_USE_GIVEN)
                .add(class)
                .add(Fact::code("catalog.key", p.key.code()));
            return;
        }
        NamedUse::OffLabel(p) => Some(p),
        NamedUse::Neither => None,
    };
    if let (Some(p), OffLabel::Physician(reason, basis)) = (off_label, law.off_label) {
        c.file(Group::AskFirst, rule, Outcome::Met)
            .point_at("authorisation")
            .why(reason)
            .rest_on(basis)
            .add(class)
            .add(Fact::code("catalog.key", p.key.code()))
            .add_opt(more);
        return;
    }
    if let Some(words) = &law.settled {
        let settled: Option<(Group, Outcome, &'static Reason)> = match pathway {
            Pathway::Excepted => Some((Group::Note, Outcome::NotApplicable, words.excepted)),
            Pathway::TissueRules => Some((Group::Note, Outcome::NotApplicable, words.tissue_rules)),
            Pathway::Undetermined => {
                Some((Group::AskFirst, Outcome::Undetermined, words.undetermined))
            }
            Pathway::Authorisation
            | Pathway::ProvisionPlan
            | Pathway::OtherLaw
            | Pathway::Approved => None,
        };
        if let Some((group, outcome, reason)) = settled {
            c.file(group, rule, outcome)
                .point_at("product")
                .why(reason)
                .add(class)
                .add_opt(more);
            return;
        }
    }
    if let Some(id) = route.trial {
        c.file(Group::Note, rule, Outcome::Met)
            .point_at("disclosures.trial_registration")
            .why(law.trial)
            .add(class)
            .add_opt(more)
            .add(trial_fact(id));
        return;
    }
    let held = route.permission.and_then(|p| held(p).map(|h| (p, h)));
    if let (Some((p, h)), Some(words)) = (held, &law.permission) {
        let (group, outcome, path, reason, missing): (
            Group,
            Outcome,
            &'static str,
            &'static Reason,
            &'static [&'static str],
        ) = match h {
            Held::Named => (Group::Note, Outcome::Met, "permission", words.named, &[]),
            Held::Unnamed => (
                Group::AskFirst,
                Outcome::Undetermined,
                "permission.reference",
                words.unnamed,
                &["permission.reference"],
            ),
            Held::Refused => match words
                .forbidden
                .filter(|_| pathway.forbidden_without_permission())
            {
                Some(reason) => (Group::WalkAway, Outcome::NotMet, "permission", reason, &[]),
                None => (
                    Group::AskFirst,
                    Outcome::NotMet,
                    "permission",
                    words.refused.0,
                    words.refused.1,
                ),
            },
        };
        let f = c
            .file(group, rule, outcome)
            .point_at(path)
            .why(reason)
            .add(class)
            .add_opt(more)
            .lack_all(missing);
        permission_facts(p, f);
        return;
    }
    if let (Some(p), OffLabel::Unapproved(reason, basis)) = (off_label, law.off_label) {
        c.file(Group::AskFirst, rule, Outcome::Undetermined)
            .point_at("authorisation")
            .why(reason)
            .rest_on(basis)
            .add(class)
            .add(Fact::code("catalog.key", p.key.code()))
            .add_opt(more)
            .lack("disclosures.trial_registration");
        return;
    }
    match law.unshown {
        Unshown::Ask {
            outcome,
            path,
            reason,
            missing,
        } => {
            c.file(Group::AskFirst, rule, outcome)
                .point_at(path)
                .why(reason)
                .add(class)
                .add_opt(more)
                .lack_all(missing);
        }
        Unshown::WhichFdaLaw => {
            let preparation = offer.product.preparation;
            c.file(Group::AskFirst, rule, Outcome::Undetermined)
                .point_at("product.preparation")
                .why(which_fda_law(preparation))
                .rest_on(Basis::AgencyStatement)
                .add(class)
                .add_opt(preparation.map(|p| Fact::code("product.preparation", p.code())))
                .lack_all(&["authorisation", "disclosures.trial_registration"]);
        }
        Unshown::NationalRoute => national_route(rule, route.place, class, held, c, on),
    }
}

/// Why a product that is not an HCT/P still answers to FDA, by what it is.
fn which_fda_law(preparation: Option<CellPreparation>) -> &'static Reason {
    use crate::rules::us::PreparationKind;
    match preparation.map(crate::rules::us::preparation_kind) {
        // The table's `cell_free` column: exosomes, conditioned medium.
        Some(PreparationKind::CellFree) => &reasons::US_CELL_FREE_PRODUCT_HCT,
        Some(PreparationKind::BloodProduct) => &reasons::US_PLATELET_RICH_PLASMA_BLOOD,
        // Animal cells, a secreted fluid, minimally manipulated marrow (21 CFR 1271.3(d)) or an
        // unstated preparation: outside Part 1271, not outside FDA law.
        Some(PreparationKind::CellsOrTissue | PreparationKind::SecretedFluid) | None => {
            &reasons::US_PRODUCT_HCT_P_SO
        }
    }
}

/// No route shown under a national law the crate has no engine for. A national route whose law
/// is in force on the date (Korea's advanced regenerative medicine treatment, China's clinical
/// translation of new biomedical technologies) is named, never assumed: whether the offer is
/// given on it is a fact of the offer. A national authorisation the clinic names is shown,
/// never taken as settled: the crate cannot check it. The answer stays open.
fn national_route(
    rule: RuleId,
    place: Jurisdiction,
    here: Fact,
    held: Option<(&crate::Permission, Held)>,
    c: &mut Collector,
    on: jiff::civil::Date,
) {
    let routes = || place.national_routes_on(on);
    let national_route = routes().next().is_some();
    let reason: &'static Reason = match (held.map(|(_, h)| h), national_route) {
        (None, false) => &reasons::CRATE_HAS_CLASSIFICATION_ENGINE_JURISDICTION,
        (None, true) => &reasons::NATIONAL_ROUTE_NOT_SHOWN,
        (Some(Held::Named), false) => &reasons::NATIONAL_AUTHORISATION_NAMED,
        (Some(Held::Named), true) => &reasons::NATIONAL_AUTHORISATION_NAMED_ROUTE,
        (Some(Held::Unnamed), false) => &reasons::NATIONAL_AUTHORISATION_UNNAMED,
        (Some(Held::Unnamed), true) => &reasons::NATIONAL_AUTHORISATION_UNNAMED_ROUTE,
        (Some(Held::Refused), false) => &reasons::NATIONAL_AUTHORISATION_REFUSED,
        (Some(Held::Refused), true) => &reasons::NATIONAL_AUTHORISATION_REFUSED_ROUTE,
    };
    let outcome = match held {
        Some((_, Held::Refused)) => Outcome::NotMet,
        Some((_, Held::Named | Held::Unnamed)) | None => Outcome::Undetermined,
    };
    let f = c
        .file(Group::AskFirst, rule, outcome)
        .point_at("authorisation")
        .why(reason)
        .add(here)
        .lack_all(&["authorisation", "disclosures.trial_registration"]);
    let text = |name: &'static str, text: &'static str| {
        Fact::new(name, FactValue::Text(Cow::Borrowed(text))).as_limit()
    };
    for route in routes() {
        f.add(Fact::code("national_route", route.code).as_limit())
            .add(text("national_route.name", route.name))
            .add(text("national_route.law", route.law))
            .add(text("national_route.requires", route.requires))
            .add(Fact::date("national_route.in_force_from", route.in_force_from).as_limit())
            .add(text("national_route.citation", route.citation));
    }
    match held {
        Some((p, h)) => {
            permission_facts(p, f);
            if h == Held::Unnamed {
                f.lack("permission.reference");
            }
        }
        None => {
            f.lack("permission");
        }
    }
}

/// The facts of a permission the offer names.
pub(super) fn permission_facts(p: &crate::Permission, f: &mut Finding) {
    f.add(Fact::code("permission.kind", p.kind.code()))
        .add_opt(p.obtained.map(|o| Fact::flag("permission.obtained", o)))
        .add_opt(
            p.authority
                .as_ref()
                .map(|a| owned("permission.authority", a.as_str().to_owned())),
        )
        .add_opt(
            p.reference
                .as_ref()
                .map(|r| owned("permission.reference", r.as_str().to_owned())),
        )
        .add_opt(p.dated.map(|d| Fact::date("permission.dated", d)));
}

/// A permission obtained and named by its reference, one obtained without a reference, or one
/// stated as not obtained.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Held {
    Named,
    Unnamed,
    Refused,
}

pub(super) fn held(p: &crate::Permission) -> Option<Held> {
    match p.obtained {
        Some(true) if p.reference.is_some() => Some(Held::Named),
        Some(true) => Some(Held::Unnamed),
        Some(false) => Some(Held::Refused),
        None => None,
    }
}
