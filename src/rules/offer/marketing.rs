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
    let kind = Fact::code("claims.kind", ClaimKind::SuperiorToStandardCare.code());
    if phase3.clone().next().is_some() {
        c.file(Group::AskFirst, rule, Outcome::Undetermined)
            .point_at("claims")
            .why(&reasons::CLINIC_SAYS_TREATMENT_GOOD_BETTER_2)
            .add(kind)
            .add(owned("evidence.nct_id", nct_ids(phase3)));
    } else {
        c.file(Group::WalkAway, rule, Outcome::NotMet)
            .point_at("claims")
            .why(&reasons::CLINIC_SAYS_TREATMENT_GOOD_BETTER)
            .add(kind);
    }
}

pub(super) fn marketing(offer: &ClinicOffer, c: &mut Collector) {
    let m = &offer.marketing;
    let rule = RuleId::OfferTreatmentDisclaimer;
    let path = "marketing.treatment_disclaimer";
    let (group, outcome, reason): (Group, Outcome, &'static Reason) = match m.treatment_disclaimer {
        Some(true) => (
            Group::WalkAway,
            Outcome::NotMet,
            &reasons::PRODUCT_LABELLED_SOLD_RESEARCH_USE_2,
        ),
        Some(false) => (
            Group::Note,
            Outcome::Met,
            &reasons::PRODUCT_LABELLED_SOLD_RESEARCH_USE,
        ),
        None => (
            Group::Note,
            Outcome::NotApplicable,
            &reasons::WHETHER_PRODUCT_LABELLED_RESEARCH_USE,
        ),
    };
    c.file(group, rule, outcome)
        .point_at(path)
        .why(reason)
        .add_opt(m.treatment_disclaimer.map(|d| Fact::flag(path, d)));
    pay_to_participate(offer, c);
    boosters(offer, c);
}

pub(super) fn pay_to_participate(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferPayToParticipate;
    let path = "marketing.pay_to_participate";
    match offer.marketing.pay_to_participate {
        Some(true) => {}
        Some(false) => {
            c.file(Group::Note, rule, Outcome::Met)
                .point_at(path)
                .why(&reasons::PATIENT_CHARGED_TAKE_PART_STUDY)
                .add(Fact::flag(path, false));
            return;
        }
        None => {
            c.file(Group::Note, rule, Outcome::NotApplicable)
                .point_at(path)
                .why(&reasons::WHETHER_PATIENT_PAYS_TAKE_PART);
            return;
        }
    }
    let ind = offer.disclosures.ind_number.as_ref();
    let place = offer.jurisdiction;
    let us = place.map(|p| p.info().framework == RegulatoryFramework::UnitedStates);
    let (group, outcome, reason, basis): (Group, Outcome, &'static Reason, Option<Basis>) =
        match (us, ind) {
            (Some(true), None) => (
                Group::WalkAway,
                Outcome::NotMet,
                &reasons::YOU_ASKED_PAY_TAKE_PART_4,
                Some(Basis::RegulationText),
            ),
            (Some(true), Some(_)) => (
                Group::AskFirst,
                Outcome::Undetermined,
                &reasons::YOU_ASKED_PAY_TAKE_PART_3,
                Some(Basis::RegulationText),
            ),
            (Some(false), _) => (
                Group::AskFirst,
                Outcome::NotMet,
                &reasons::YOU_ASKED_PAY_TAKE_PART_2,
                Some(Basis::Literature),
            ),
            (None, _) => (
                Group::AskFirst,
                Outcome::Undetermined,
                &reasons::YOU_ASKED_PAY_TAKE_PART,
                None,
            ),
        };
    let f = c.file(group, rule, outcome).point_at(path).why(reason);
    match basis {
        Some(basis) => f.rest_on(basis),
        None => f.lack("jurisdiction"),
    }
    .add(Fact::flag(path, true))
    .add_opt(place.map(|place| Fact::code("jurisdiction", place.code())));
    match ind {
        Some(n) => f.add(owned("disclosures.ind_number", n.as_str().to_owned())),
        None => f.lack("disclosures.ind_number"),
    };
}

pub(super) fn boosters(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferRepeatTreatments;
    let path = "marketing.boosters";
    let Some(b) = &offer.marketing.boosters else {
        c.file(Group::Note, rule, Outcome::NotApplicable)
            .point_at(path)
            .why(&reasons::REPEAT_BOOSTER_TREATMENTS_RECORDED);
        return;
    };
    let sold = b.recommended == Some(true) || b.price.is_some();
    let f = if sold {
        c.file(Group::AskFirst, rule, Outcome::NotMet)
            .why(&reasons::CLINIC_SELLS_REPEAT_BOOSTER_TREATMENTS)
    } else {
        c.file(Group::Note, rule, Outcome::Met)
            .why(&reasons::CLINIC_SAYS_REPEAT_TREATMENTS_NEEDED)
    };
    f.point_at(path).add_opt(
        b.recommended
            .map(|r| Fact::flag("marketing.boosters.recommended", r)),
    );
    if let Some(p) = &b.price {
        let mut price = Fact::number("marketing.boosters.price.amount", p.amount.get());
        price.unit = Some(Cow::Owned(p.currency.as_str().to_owned()));
        f.add(price);
    }
}
