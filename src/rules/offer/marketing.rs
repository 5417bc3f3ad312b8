//! Marketing and consumer protection.

use super::*;

pub(super) fn superiority_claim(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferClaimSuperiority;
    let own = offer.indication.listed();
    let phase3 = offer.evidence.iter().filter(|t| {
        own == Some(t.indication)
            && t.phases.as_slice().contains(&crate::TrialPhase::Phase3)
            && t.status == crate::TrialStatus::Completed
            && t.result == crate::TrialResult::Positive
    });
    if phase3.clone().next().is_some() {
        let f = c.add(
            Group::AskFirst,
            rule,
            Outcome::Undetermined,
            "claims",
            &reasons::CLINIC_SAYS_TREATMENT_GOOD_BETTER_2,
        );
        f.facts.push(Fact::code(
            "claims.kind",
            ClaimKind::SuperiorToStandardCare.code(),
        ));
        f.facts.push(owned("evidence.nct_id", nct_ids(phase3)));
    } else {
        c.add(
            Group::WalkAway,
            rule,
            Outcome::NotMet,
            "claims",
            &reasons::CLINIC_SAYS_TREATMENT_GOOD_BETTER,
        )
        .facts
        .push(Fact::code(
            "claims.kind",
            ClaimKind::SuperiorToStandardCare.code(),
        ));
    }
}

pub(super) fn marketing(offer: &ClinicOffer, c: &mut Collector) {
    let m = &offer.marketing;
    let rule = RuleId::OfferTreatmentDisclaimer;
    let path = "marketing.treatment_disclaimer";
    match m.treatment_disclaimer {
        Some(true) => {
            c.add(
                Group::WalkAway,
                rule,
                Outcome::NotMet,
                path,
                &reasons::PRODUCT_LABELLED_SOLD_RESEARCH_USE_2,
            )
            .facts
            .push(Fact::flag(path, true));
        }
        Some(false) => {
            c.add(
                Group::Note,
                rule,
                Outcome::Met,
                path,
                &reasons::PRODUCT_LABELLED_SOLD_RESEARCH_USE,
            )
            .facts
            .push(Fact::flag(path, false));
        }
        None => {
            c.add(
                Group::Note,
                rule,
                Outcome::NotApplicable,
                path,
                &reasons::WHETHER_PRODUCT_LABELLED_RESEARCH_USE,
            );
        }
    }
    pay_to_participate(offer, c);
    boosters(offer, c);
}

pub(super) fn pay_to_participate(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferPayToParticipate;
    let path = "marketing.pay_to_participate";
    match offer.marketing.pay_to_participate {
        Some(true) => {}
        Some(false) => {
            c.add(
                Group::Note,
                rule,
                Outcome::Met,
                path,
                &reasons::PATIENT_CHARGED_TAKE_PART_STUDY,
            )
            .facts
            .push(Fact::flag(path, false));
            return;
        }
        None => {
            c.add(
                Group::Note,
                rule,
                Outcome::NotApplicable,
                path,
                &reasons::WHETHER_PATIENT_PAYS_TAKE_PART,
            );
            return;
        }
    }
    let ind = offer.disclosures.ind_number.as_ref();
    let place = offer.jurisdiction;
    let us = place.map(|p| p.info().framework == RegulatoryFramework::UnitedStates);
    let f = match (us, ind) {
        (Some(true), None) => {
            let f = c.add(
                Group::WalkAway,
                rule,
                Outcome::NotMet,
                path,
                &reasons::YOU_ASKED_PAY_TAKE_PART_4,
            );
            f.basis = Basis::RegulationText;
            f
        }
        (Some(true), Some(_)) => {
            let f = c.add(
                Group::AskFirst,
                rule,
                Outcome::Undetermined,
                path,
                &reasons::YOU_ASKED_PAY_TAKE_PART_3,
            );
            f.basis = Basis::RegulationText;
            f
        }
        (Some(false), _) => {
            let f = c.add(
                Group::AskFirst,
                rule,
                Outcome::NotMet,
                path,
                &reasons::YOU_ASKED_PAY_TAKE_PART_2,
            );
            f.basis = Basis::Literature;
            f
        }
        (None, _) => {
            let f = c.add(
                Group::AskFirst,
                rule,
                Outcome::Undetermined,
                path,
                &reasons::YOU_ASKED_PAY_TAKE_PART,
            );
            f.missing.push("jurisdiction");
            f
        }
    };
    f.facts.push(Fact::flag(path, true));
    if let Some(place) = place {
        f.facts.push(Fact::code("jurisdiction", place.code()));
    }
    match ind {
        Some(n) => f
            .facts
            .push(owned("disclosures.ind_number", n.as_str().to_owned())),
        None => f.missing.push("disclosures.ind_number"),
    }
}

pub(super) fn boosters(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferRepeatTreatments;
    let path = "marketing.boosters";
    let Some(b) = &offer.marketing.boosters else {
        c.add(
            Group::Note,
            rule,
            Outcome::NotApplicable,
            path,
            &reasons::REPEAT_BOOSTER_TREATMENTS_RECORDED,
        );
        return;
    };
    if b.recommended == Some(true) || b.price.is_some() {
        let f = c.add(
            Group::AskFirst,
            rule,
            Outcome::NotMet,
            path,
            &reasons::CLINIC_SELLS_REPEAT_BOOSTER_TREATMENTS,
        );
        if let Some(r) = b.recommended {
            f.facts
                .push(Fact::flag("marketing.boosters.recommended", r));
        }
        if let Some(p) = &b.price {
            let mut price = Fact::number("marketing.boosters.price.amount", p.amount.get());
            price.unit = Some(Cow::Owned(p.currency.as_str().to_owned()));
            f.facts.push(price);
        }
    } else {
        let f = c.add(
            Group::Note,
            rule,
            Outcome::Met,
            path,
            &reasons::CLINIC_SAYS_REPEAT_TREATMENTS_NEEDED,
        );
        if let Some(r) = b.recommended {
            f.facts
                .push(Fact::flag("marketing.boosters.recommended", r));
        }
    }
}
