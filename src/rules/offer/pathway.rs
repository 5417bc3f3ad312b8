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
            "The offer does not say where the treatment is given, so it is not known which law applies and which approval, trial or licence it needs.",
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
        "The offer says where the treatment is given.",
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
        f.reason = Some(Cow::Borrowed(
            "The offer says where the treatment is given. The permission it names is not one the law there provides, so it does not count there.",
        ));
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
        "The product is authorised here for this use and given as authorised: it needs no trial or exemption.",
    );
    f.facts.push(class);
    f.facts.push(Fact::code("catalog.key", p.key.code()));
}

/// The note for a pathway settled by a registered trial: `facts` (what placed the product on
/// that pathway), then the trial.
pub(super) fn trial_note(
    rule: RuleId,
    reason: &'static str,
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
    reason: &'static str,
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
pub(super) fn not_an_hctp_reason(offer: &ClinicOffer) -> &'static str {
    use crate::rules::us::PreparationKind;
    match offer
        .product
        .preparation
        .map(crate::rules::us::preparation_kind)
    {
        // The table's `cell_free` column: exosomes, conditioned medium.
        Some(PreparationKind::CellFree) => {
            "In the US this cell-free product is not an HCT/P, so Part 1271 does not apply; that does not make it exempt from approval. FDA regulates exosome products as drugs and biological products, and none is approved (FDA Public Safety Notification on Exosome Products, Dec 2019). Ask which FDA law the clinic relies on: an approval, or an IND for a clinical investigation."
        }
        Some(PreparationKind::BloodProduct) => {
            "In the US platelet-rich plasma is a blood product, not an HCT/P (FDA MM/HU guidance, Jul 2020, section V.A), so Part 1271 does not apply; FDA's law on blood products and on the devices that prepare it may. Ask which FDA clearance or approval the clinic relies on for this use."
        }
        // Animal cells, a secreted fluid, minimally manipulated marrow (21 CFR 1271.3(d)) or an
        // unstated preparation: outside Part 1271, not outside FDA law.
        Some(PreparationKind::CellsOrTissue | PreparationKind::SecretedFluid) | None => {
            "In the US the product is not an HCT/P, so Part 1271 does not apply; that does not make it exempt from FDA law, which may regulate it as a drug, biological product or blood product (FDA MM/HU guidance, Jul 2020, section V.A; FDA Public Safety Notification on Exosome Products, Dec 2019). Ask which FDA law the clinic relies on: an approval, or an IND for a clinical investigation."
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
                "The product is licensed in the US, and offered outside its label. A physician may prescribe a licensed biological product off label: that is the practice of medicine, and the IND rules do not apply to it (21 CFR 312.2(d)); an IND is for clinical investigations. The label's evidence does not cover this use: ask what evidence supports it.",
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
                    "In the US this is a drug or biological product, and it is offered within a registered trial, the way such products may be given before approval.",
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
                    "In the US this is a drug or biological product that is not licensed: it may only be given under an IND (a registered trial) or once licensed (a BLA). Ask which one applies.",
                );
                f.facts.push(class);
                f.missing.push("disclosures.trial_registration");
                f.missing.push("authorisation");
            }
        },
        UsClassification::NotAnHctp => match trial {
            Some(trial) => {
                trial_note(
                    rule,
                    "In the US the product is not an HCT/P, and it is offered within a registered trial, the way an unapproved drug or biological product may be given.",
                    [class],
                    trial,
                    c,
                );
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
                "The product's US classification cannot be decided on the facts given (see the US assessment), so whether it needs an IND or an approval is an open question.",
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
                "In the US this is a Section 361 HCT/P: regulated under Part 1271 (registration, listing, donor eligibility, good tissue practice), with no premarket approval (21 CFR 1271.10(b)); that says nothing about whether it works.",
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
                "In the US the same surgical procedure exception applies: the clinic need not comply with Part 1271 for this procedure (21 CFR 1271.15(b)); that says nothing about whether it works.",
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
                "The product holds a marketing authorisation in the EU, and is offered outside its authorised use. Prescribing an authorised medicinal product off label is a physician's decision under national law, not a use the authorisation forbids; the authorisation's evidence does not cover it, so ask what evidence supports it.",
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
                "In the EU this is an advanced therapy medicinal product, offered within a registered trial.",
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
                    "In the EU this is an advanced therapy medicinal product, and the clinic names the hospital exemption it is given under: the Member State's permission to prepare it on a non-routine basis in a hospital, for an individual patient, under a physician's responsibility (Directive 2001/83/EC Art 3(7)). That settles the route, not the efficacy: a hospital exemption is not an EU marketing authorisation, and no EU-wide assessment stands behind it. Confirm it with the authority named.",
                ),
                Some(Held::Unnamed) => {
                    let f = c.add(
                        Group::AskFirst,
                        rule,
                        Outcome::Undetermined,
                        "permission.reference",
                        "In the EU this is an advanced therapy medicinal product; the clinic says it holds a hospital exemption but gives no reference for it: ask for the authority's decision.",
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
                        "In the EU this is an advanced therapy medicinal product, and the clinic states that it holds no hospital exemption, and names no marketing authorisation or authorised trial. What remains are compassionate use and named-patient supply, national decisions the offer does not show: ask which one applies, or walk away.",
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
                        "In the EU this is an advanced therapy medicinal product: it needs a marketing authorisation, an authorised clinical trial or a hospital exemption. Ask which one applies.",
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
                "In the EU the product is not an advanced therapy medicinal product (see the EU assessment); that says nothing about whether it works.",
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
                "Whether the product is an advanced therapy medicinal product in the EU cannot be decided on the facts given (see the EU assessment), so the authorisation it needs is an open question.",
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
                "The clinic names the provision plan it gives the treatment under, reviewed by a certified committee and submitted to the Minister of Health, Labour and Welfare (ASRM Art 4): the review the Act requires took place. The committee reviews the plan against the provision standards; it does not approve the treatment as effective or safe.",
            ),
            Held::Unnamed => {
                let f = c.add(
                    Group::AskFirst,
                    rule,
                    Outcome::Undetermined,
                    "permission.reference",
                    "The clinic says it submitted a provision plan under the Act on the Safety of Regenerative Medicine but gives no plan number: ask for it (plans are listed publicly).",
                );
                f.missing.push("permission.reference");
                f
            }
            Held::Refused if asrm_applies => c.add(
                Group::WalkAway,
                rule,
                Outcome::NotMet,
                "permission",
                "The clinic gives regenerative medicine outside an approved product without a provision plan submitted to the Minister of Health, Labour and Welfare: the Act on the Safety of Regenerative Medicine forbids providing it without one (Art 4(1)), and MHLW ordered clinics that did so with donor cord blood to stop (2017).",
            ),
            Held::Refused => {
                let f = c.add(
                    Group::AskFirst,
                    rule,
                    Outcome::NotMet,
                    "permission",
                    "The clinic states it has no provision plan under the Act on the Safety of Regenerative Medicine, and whether the Act applies to this product is not settled (see the Japanese assessment): ask which law the clinic relies on.",
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
                "The treatment is offered within a registered trial; in Japan it also needs its ASRM plan or PMD Act trial notification.",
                [class, pmd()],
                trial,
                c,
            );
        }
        (NamedUse::OffLabel(p), None) => {
            let f = off_label_question(
                rule,
                "The product is approved in Japan, and offered outside its approval. The Act on the Safety of Regenerative Medicine excludes only the use of an approved regenerative medical product according to its approval (Art 2(2)); used otherwise, the treatment is regenerative medicine under that Act and needs a provision plan reviewed by a certified committee. The approval's evidence does not cover this use: ask for the plan, and for the evidence.",
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
                "In Japan, cells outside an approved product may only be given under a provision plan reviewed by a certified committee (ASRM), whatever their risk class. Ask for the plan.",
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
                "The treatment is offered within a registered trial.",
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
            let mut routes = place.national_routes_on(on).peekable();
            let f = if routes.peek().is_some() {
                let f = c.add(
                    Group::AskFirst,
                    rule,
                    Outcome::Undetermined,
                    "authorisation",
                    "",
                );
                let mut reason = String::from(
                    "The crate has no classification engine for this jurisdiction, and the offer names no authorisation or registered trial.",
                );
                for route in routes {
                    reason.push_str(&format!(
                        " Since {}, the law there provides a route outside marketing authorisation and trials, {} ({}): {}. The offer does not show that the treatment is given on that route: ask for the approval it requires.",
                        crate::IsoDate::from(route.in_force_from),
                        route.name,
                        route.law,
                        route.requires,
                    ));
                    f.facts
                        .push(Fact::code("national_route", route.code).as_limit());
                    f.facts.push(
                        Fact::date("national_route.in_force_from", route.in_force_from).as_limit(),
                    );
                    f.facts.push(
                        Fact::new(
                            "national_route.citation",
                            FactValue::Text(Cow::Borrowed(route.citation)),
                        )
                        .as_limit(),
                    );
                }
                f.reason = Some(Cow::Owned(reason));
                f
            } else {
                c.add(
                    Group::AskFirst,
                    rule,
                    Outcome::Undetermined,
                    "authorisation",
                    "The crate has no classification engine for this jurisdiction, and the offer names no authorisation or registered trial: ask which national authorisation or licence covers it.",
                )
            };
            f.facts.insert(0, here);
            f.missing.push("authorisation");
            f.missing.push("disclosures.trial_registration");
            // A national authorisation the clinic names is shown, never taken as settled: the
            // crate has no engine for this law and cannot check it.
            if let Some((p, h)) = permission.and_then(|p| held(p).map(|h| (p, h))) {
                let said = match h {
                    Held::Named => {
                        "The clinic names a national authorisation (see the permission facts); the crate cannot check it: confirm it with the authority that granted it. "
                    }
                    Held::Unnamed => {
                        "The clinic says it holds a national authorisation but gives no reference for it: ask for the decision. "
                    }
                    Held::Refused => {
                        f.outcome = Outcome::NotMet;
                        "The clinic states that it holds no national authorisation. "
                    }
                };
                let reason = f.reason.take().unwrap_or_default();
                f.reason = Some(Cow::Owned(format!("{said}{reason}")));
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
