//! Where the treatment is given: the pathway each jurisdiction's law sets for the product.

use super::*;

pub(super) type Classifications = (
    Option<UsAssessment>,
    Option<EuAssessment>,
    Option<JpAssessment>,
);

/// The trial registration the offer states, if any: its fact is only built (and its text
/// copied) when a finding uses it.
pub(super) type Trial<'a> = Option<&'a crate::NctId>;

pub(super) fn trial_fact(id: &crate::NctId) -> Fact {
    owned("disclosures.trial_registration", id.as_str().to_owned())
}

pub(super) fn pathway(
    offer: &ClinicOffer,
    named_use: NamedUse,
    named: Option<&'static ApprovedProduct>,
    c: &mut Collector,
    on: jiff::civil::Date,
) -> Classifications {
    let on_label = named_use.on_label();
    let rule = RuleId::OfferJurisdiction;
    let Some(place) = offer.jurisdiction else {
        let f = c.add(
            Group::AskFirst,
            rule,
            Outcome::Undetermined,
            "jurisdiction",
            &reasons::OFFER_DOES_SAY_WHERE_TREATMENT,
        );
        f.missing.push("jurisdiction");
        return (None, None, None);
    };
    let framework = place.info().framework;
    let f = c.add(
        Group::Note,
        rule,
        Outcome::Met,
        "jurisdiction",
        &reasons::OFFER_SAYS_WHERE_TREATMENT_GIVEN,
    );
    f.facts.push(Fact::code("jurisdiction", place.code()));
    f.facts
        .push(Fact::code("jurisdiction.framework", framework.code()).as_derived());
    // A permission counts only where its law applies: a hospital exemption in the EU, an ASRM
    // plan in Japan, a national authorisation where the crate has no engine.
    let permission = offer.permission.as_ref();
    let fits = |p: &&crate::Permission| p.kind.framework() == Some(framework);
    if let Some(p) = permission.filter(|p| !fits(p)) {
        f.facts.push(Fact::code("permission.kind", p.kind.code()));
        f.reason = Some(&reasons::OFFER_SAYS_WHERE_TREATMENT_GIVEN_2);
    }
    let permission = permission.filter(fits);
    let trial = offer.disclosures.trial_registration.as_ref();
    match framework {
        RegulatoryFramework::UnitedStates => {
            let us = classify_us(&offer.product, on);
            us_pathway(offer, &us, named_use, trial, c);
            (Some(us), None, None)
        }
        RegulatoryFramework::EuropeanUnion => {
            let eu = classify_eu(&offer.product, on);
            eu_pathway(&eu, named_use, trial, permission, c);
            (None, Some(eu), None)
        }
        RegulatoryFramework::Japan => {
            // A Japanese catalog product named by the offer: its approval decides whether ASRM
            // applies at all (ASRM Art 2(2) excludes use according to the approval).
            let jp = match named {
                Some(p) if p.jurisdiction == Jurisdiction::Japan => {
                    classify_jp_authorised(&offer.product, p.key, on)
                }
                // An authorisation elsewhere says nothing about Japan.
                Some(_) | None => classify_jp(&offer.product, on),
            };
            jp_pathway(&jp, named_use, trial, permission, c);
            (None, None, Some(jp))
        }
        RegulatoryFramework::National => {
            national_pathway(place, on_label, trial, permission, c, on);
            (None, None, None)
        }
    }
}

/// The good sign for an approved product given as approved, under `rule`.
pub(super) fn on_label_sign(rule: RuleId, p: &ApprovedProduct, class: Fact, c: &mut Collector) {
    let f = c.add(
        Group::GoodSign,
        rule,
        Outcome::Met,
        "authorisation",
        &reasons::PRODUCT_AUTHORISED_HERE_USE_GIVEN,
    );
    f.facts.push(class);
    f.facts.push(Fact::code("catalog.key", p.key.code()));
}

/// The note for a pathway settled by a registered trial: `facts` (what placed the product on
/// that pathway), then the trial.
pub(super) fn trial_note(
    rule: RuleId,
    reason: &'static Reason,
    facts: impl IntoIterator<Item = Fact>,
    trial: &crate::NctId,
    c: &mut Collector,
) {
    let f = c.add(
        Group::Note,
        rule,
        Outcome::Met,
        "disclosures.trial_registration",
        reason,
    );
    f.facts.extend(facts);
    f.facts.push(trial_fact(trial));
}

/// The question for a product used outside the label of the authorised product it is, under
/// `rule`: lawful at a physician's discretion, but not covered by the label's evidence.
pub(super) fn off_label_question<'c>(
    rule: RuleId,
    reason: &'static Reason,
    p: &ApprovedProduct,
    class: Fact,
    basis: Basis,
    c: &'c mut Collector,
) -> &'c mut Finding {
    let f = c.add(Group::AskFirst, rule, Outcome::Met, "authorisation", reason);
    f.basis = basis;
    f.facts.push(class);
    f.facts.push(Fact::code("catalog.key", p.key.code()));
    f
}

/// Why a product that is not an HCT/P still answers to FDA, by what it is.
pub(super) fn not_an_hctp_reason(offer: &ClinicOffer) -> &'static Reason {
    use crate::rules::us::PreparationKind;
    match offer
        .product
        .preparation
        .map(crate::rules::us::preparation_kind)
    {
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

pub(super) fn us_pathway(
    offer: &ClinicOffer,
    us: &UsAssessment,
    named_use: NamedUse,
    trial: Trial<'_>,
    c: &mut Collector,
) {
    let rule = RuleId::OfferUsPathway;
    let class = Fact::code("us.classification", us.classification.code()).as_derived();
    // An authorised product is judged by its authorisation, whatever the classification.
    match named_use {
        NamedUse::OnLabel(p) => return on_label_sign(rule, p, class, c),
        NamedUse::OffLabel(p) => {
            off_label_question(
                rule,
                &reasons::PRODUCT_LICENSED_US_OFFERED_OUTSIDE,
                p,
                class,
                Basis::RegulationText,
                c,
            );
            return;
        }
        NamedUse::Neither => {}
    }
    match us.classification {
        UsClassification::Section351Product => match trial {
            Some(trial) => {
                trial_note(
                    rule,
                    &reasons::US_DRUG_BIOLOGICAL_PRODUCT_OFFERED,
                    [class],
                    trial,
                    c,
                );
            }
            None => {
                let f = c.add(
                    Group::AskFirst,
                    rule,
                    Outcome::NotMet,
                    "disclosures.trial_registration",
                    &reasons::US_DRUG_BIOLOGICAL_PRODUCT_LICENSED,
                );
                f.facts.push(class);
                f.missing.push("disclosures.trial_registration");
                f.missing.push("authorisation");
            }
        },
        UsClassification::NotAnHctp => match trial {
            Some(trial) => {
                trial_note(rule, &reasons::US_PRODUCT_HCT_P_OFFERED, [class], trial, c);
            }
            None => {
                let f = c.add(
                    Group::AskFirst,
                    rule,
                    Outcome::Undetermined,
                    "product.preparation",
                    not_an_hctp_reason(offer),
                );
                f.basis = Basis::AgencyStatement;
                f.facts.push(class);
                if let Some(p) = offer.product.preparation {
                    f.facts.push(Fact::code("product.preparation", p.code()));
                }
                f.missing.push("authorisation");
                f.missing.push("disclosures.trial_registration");
            }
        },
        UsClassification::Undetermined => {
            c.add(
                Group::AskFirst,
                rule,
                Outcome::Undetermined,
                "product",
                &reasons::PRODUCT_S_US_CLASSIFICATION_CANNOT,
            )
            .facts
            .push(class);
        }
        UsClassification::Section361Hctp => {
            c.add(
                Group::Note,
                rule,
                Outcome::NotApplicable,
                "product",
                &reasons::US_SECTION_361_HCT_P,
            )
            .facts
            .push(class);
        }
        UsClassification::ExceptedSameSurgicalProcedure => {
            c.add(
                Group::Note,
                rule,
                Outcome::NotApplicable,
                "product",
                &reasons::US_SAME_SURGICAL_PROCEDURE_EXCEPTION,
            )
            .facts
            .push(class);
        }
    }
}

/// The facts of a permission the offer names.
pub(super) fn permission_facts(p: &crate::Permission, f: &mut Finding) {
    f.facts.push(Fact::code("permission.kind", p.kind.code()));
    if let Some(obtained) = p.obtained {
        f.facts.push(Fact::flag("permission.obtained", obtained));
    }
    if let Some(authority) = &p.authority {
        f.facts
            .push(owned("permission.authority", authority.as_str().to_owned()));
    }
    if let Some(reference) = &p.reference {
        f.facts
            .push(owned("permission.reference", reference.as_str().to_owned()));
    }
    if let Some(dated) = p.dated {
        f.facts.push(Fact::date("permission.dated", dated));
    }
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

pub(super) fn eu_pathway(
    eu: &EuAssessment,
    named_use: NamedUse,
    trial: Trial<'_>,
    permission: Option<&crate::Permission>,
    c: &mut Collector,
) {
    let rule = RuleId::OfferEuPathway;
    let class = Fact::code("eu.classification", eu.classification.code()).as_derived();
    match named_use {
        NamedUse::OnLabel(p) => return on_label_sign(rule, p, class, c),
        NamedUse::OffLabel(p) => {
            off_label_question(
                rule,
                &reasons::PRODUCT_HOLDS_MARKETING_AUTHORISATION_EU,
                p,
                class,
                Basis::Label,
                c,
            );
            return;
        }
        NamedUse::Neither => {}
    }
    match (eu.classification.is_atmp(), trial) {
        (Some(true), Some(trial)) => {
            trial_note(
                rule,
                &reasons::EU_ADVANCED_THERAPY_MEDICINAL_PRODUCT_5,
                [class],
                trial,
                c,
            );
        }
        (Some(true), None) => {
            let exemption = permission.and_then(|p| held(p).map(|h| (p, h)));
            let f = match exemption.map(|(_, h)| h) {
                Some(Held::Named) => c.add(
                    Group::Note,
                    rule,
                    Outcome::Met,
                    "permission",
                    &reasons::EU_ADVANCED_THERAPY_MEDICINAL_PRODUCT_4,
                ),
                Some(Held::Unnamed) => {
                    let f = c.add(
                        Group::AskFirst,
                        rule,
                        Outcome::Undetermined,
                        "permission.reference",
                        &reasons::EU_ADVANCED_THERAPY_MEDICINAL_PRODUCT_3,
                    );
                    f.missing.push("permission.reference");
                    f
                }
                Some(Held::Refused) => {
                    let f = c.add(
                        Group::AskFirst,
                        rule,
                        Outcome::NotMet,
                        "permission",
                        &reasons::EU_ADVANCED_THERAPY_MEDICINAL_PRODUCT_2,
                    );
                    f.missing.push("authorisation");
                    f.missing.push("disclosures.trial_registration");
                    f
                }
                None => {
                    let f = c.add(
                        Group::AskFirst,
                        rule,
                        Outcome::NotMet,
                        "authorisation",
                        &reasons::EU_ADVANCED_THERAPY_MEDICINAL_PRODUCT,
                    );
                    f.missing.push("authorisation");
                    f.missing.push("disclosures.trial_registration");
                    f.missing.push("permission");
                    f
                }
            };
            f.facts.insert(0, class);
            if let Some((p, _)) = exemption {
                permission_facts(p, f);
            }
        }
        (Some(false), _) => {
            c.add(
                Group::Note,
                rule,
                Outcome::NotApplicable,
                "product",
                &reasons::EU_PRODUCT_ADVANCED_THERAPY_MEDICINAL,
            )
            .facts
            .push(class);
        }
        (None, _) => {
            c.add(
                Group::AskFirst,
                rule,
                Outcome::Undetermined,
                "product",
                &reasons::WHETHER_PRODUCT_ADVANCED_THERAPY_MEDICINAL,
            )
            .facts
            .push(class);
        }
    }
}

pub(super) fn jp_pathway(
    jp: &JpAssessment,
    named_use: NamedUse,
    trial: Trial<'_>,
    permission: Option<&crate::Permission>,
    c: &mut Collector,
) {
    let rule = RuleId::OfferJpPathway;
    let class = Fact::code("jp.asrm_risk_class", jp.risk_class.code()).as_derived();
    let pmd = || Fact::code("jp.pmd_act", jp.pmd_act.code()).as_derived();
    // Outside an approved product used as approved, the plan decides: submitted (and named),
    // the review ASRM requires took place; not submitted, ASRM forbids the treatment when it
    // applies (Art 4(1)).
    let plan = match named_use {
        NamedUse::OnLabel(_) => None,
        NamedUse::OffLabel(_) | NamedUse::Neither if trial.is_some() => None,
        NamedUse::OffLabel(_) | NamedUse::Neither => {
            permission.and_then(|p| held(p).map(|h| (p, h)))
        }
    };
    let asrm_applies = match jp.risk_class {
        AsrmRiskClass::ClassI | AsrmRiskClass::ClassII | AsrmRiskClass::ClassIII => true,
        AsrmRiskClass::OutsideAsrm
        | AsrmRiskClass::ApprovedProductOnLabel
        | AsrmRiskClass::Undetermined => false,
    };
    if let Some((p, h)) = plan {
        let f = match h {
            Held::Named => c.add(
                Group::Note,
                rule,
                Outcome::Met,
                "permission",
                &reasons::CLINIC_NAMES_PROVISION_PLAN_GIVES,
            ),
            Held::Unnamed => {
                let f = c.add(
                    Group::AskFirst,
                    rule,
                    Outcome::Undetermined,
                    "permission.reference",
                    &reasons::CLINIC_SAYS_SUBMITTED_PROVISION_PLAN,
                );
                f.missing.push("permission.reference");
                f
            }
            Held::Refused if asrm_applies => c.add(
                Group::WalkAway,
                rule,
                Outcome::NotMet,
                "permission",
                &reasons::CLINIC_GIVES_REGENERATIVE_MEDICINE_OUTSIDE,
            ),
            Held::Refused => {
                let f = c.add(
                    Group::AskFirst,
                    rule,
                    Outcome::NotMet,
                    "permission",
                    &reasons::CLINIC_STATES_HAS_PROVISION_PLAN,
                );
                f.missing.push("authorisation");
                f
            }
        };
        f.facts.insert(0, pmd());
        f.facts.insert(0, class);
        permission_facts(p, f);
        return;
    }
    match (named_use, trial) {
        (NamedUse::OnLabel(p), _) => on_label_sign(rule, p, class, c),
        (_, Some(trial)) => {
            trial_note(
                rule,
                &reasons::TREATMENT_OFFERED_WITHIN_REGISTERED_TRIAL_3,
                [class, pmd()],
                trial,
                c,
            );
        }
        (NamedUse::OffLabel(p), None) => {
            let f = off_label_question(
                rule,
                &reasons::PRODUCT_APPROVED_JAPAN_OFFERED_OUTSIDE,
                p,
                class,
                Basis::RegulationText,
                c,
            );
            f.outcome = Outcome::Undetermined;
            f.facts.push(pmd());
            f.missing.push("disclosures.trial_registration");
        }
        (NamedUse::Neither, None) => {
            let f = c.add(
                Group::AskFirst,
                rule,
                Outcome::NotMet,
                "authorisation",
                &reasons::JAPAN_CELLS_OUTSIDE_APPROVED_PRODUCT,
            );
            f.facts.push(class);
            f.facts.push(pmd());
            f.missing.push("authorisation");
            f.missing.push("disclosures.trial_registration");
            f.missing.push("permission");
        }
    }
}

pub(super) fn national_pathway(
    place: Jurisdiction,
    on_label: Option<&'static ApprovedProduct>,
    trial: Trial<'_>,
    permission: Option<&crate::Permission>,
    c: &mut Collector,
    on: jiff::civil::Date,
) {
    let rule = RuleId::OfferNationalPathway;
    let here = Fact::code("jurisdiction", place.code());
    match (on_label, trial) {
        (Some(p), _) => on_label_sign(rule, p, here, c),
        (None, Some(trial)) => {
            trial_note(
                rule,
                &reasons::TREATMENT_OFFERED_WITHIN_REGISTERED_TRIAL_2,
                [here],
                trial,
                c,
            );
        }
        (None, None) => {
            // A national route whose law is in force on the date (Korea's advanced regenerative
            // medicine treatment, China's clinical translation of new biomedical technologies)
            // is named, never assumed: whether the offer is given on it is a fact of the offer,
            // and the crate has no engine for that law. The answer stays open.
            let f = c.add(
                Group::AskFirst,
                rule,
                Outcome::Undetermined,
                "authorisation",
                &reasons::CRATE_HAS_CLASSIFICATION_ENGINE_JURISDICTION,
            );
            let mut national_route = false;
            for route in place.national_routes_on(on) {
                national_route = true;
                let text = |name: &'static str, text: &'static str| {
                    Fact::new(name, FactValue::Text(Cow::Borrowed(text))).as_limit()
                };
                f.facts
                    .push(Fact::code("national_route", route.code).as_limit());
                f.facts.push(text("national_route.name", route.name));
                f.facts.push(text("national_route.law", route.law));
                f.facts
                    .push(text("national_route.requires", route.requires));
                f.facts.push(
                    Fact::date("national_route.in_force_from", route.in_force_from).as_limit(),
                );
                f.facts
                    .push(text("national_route.citation", route.citation));
            }
            if national_route {
                f.reason = Some(&reasons::NATIONAL_ROUTE_NOT_SHOWN);
            }
            f.facts.insert(0, here);
            f.missing.push("authorisation");
            f.missing.push("disclosures.trial_registration");
            // A national authorisation the clinic names is shown, never taken as settled: the
            // crate has no engine for this law and cannot check it.
            if let Some((p, h)) = permission.and_then(|p| held(p).map(|h| (p, h))) {
                f.reason = Some(match (h, national_route) {
                    (Held::Named, false) => &reasons::NATIONAL_AUTHORISATION_NAMED,
                    (Held::Named, true) => &reasons::NATIONAL_AUTHORISATION_NAMED_ROUTE,
                    (Held::Unnamed, false) => &reasons::NATIONAL_AUTHORISATION_UNNAMED,
                    (Held::Unnamed, true) => &reasons::NATIONAL_AUTHORISATION_UNNAMED_ROUTE,
                    (Held::Refused, false) => &reasons::NATIONAL_AUTHORISATION_REFUSED,
                    (Held::Refused, true) => &reasons::NATIONAL_AUTHORISATION_REFUSED_ROUTE,
                });
                if h == Held::Refused {
                    f.outcome = Outcome::NotMet;
                }
                permission_facts(p, f);
                if h == Held::Unnamed {
                    f.missing.push("permission.reference");
                }
            } else {
                f.missing.push("permission");
            }
        }
    }
}
