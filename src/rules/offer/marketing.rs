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
            "The clinic says the treatment is as good as or better than standard treatments, and cites a completed positive Phase III trial for the condition: ask whether that trial compared it with the standard treatment, which is what the claim needs.",
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
            "The clinic says the treatment is as good as or better than approved or standard treatments, without a trial that compared them: the FTC calls such claims deceptive when no randomized controlled trial supports them.",
        )
        .facts
        .push(Fact::code("claims.kind", ClaimKind::SuperiorToStandardCare.code()));
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
                "The product is labelled or sold as 'for research use only' or 'not for treating people', and the clinic injects it into patients: its own maker does not stand behind it as a treatment, and a disclaimer does not change what the product is used for.",
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
                "The product is not labelled or sold as 'for research use only' or 'not for treating people'.",
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
                "Whether the product is labelled 'for research use only' is not recorded.",
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
                "The patient is not charged to take part in a study.",
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
                "Whether the patient pays to take part in a study is not recorded.",
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
                "You are asked to pay to take part in a 'study' that names no IND. In the US an unapproved drug or biological product may be charged for in a trial only under an IND and with FDA's prior written authorisation (21 CFR 312.8); a ClinicalTrials.gov listing is not an FDA review. Paid 'studies' without one are a marketing exercise.",
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
                "You are asked to pay to take part in a study the clinic says runs under an IND. Charging for an investigational drug in a trial needs FDA's prior written authorisation (21 CFR 312.8): ask to see it, and FDA's letter acknowledging the IND.",
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
                "You are asked to pay to take part in a 'study'. Most trials are free to join, and businesses selling unproven stem cell treatments have listed paid 'studies' that no regulator reviewed: ask which authority approved the study and allowed charging participants.",
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
                "You are asked to pay to take part in a 'study', and the offer does not say where it is given, so which rule on charging applies is open (in the US: an IND and FDA's written authorisation, 21 CFR 312.8). Ask which authority approved the study and allowed charging participants.",
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
            "No repeat ('booster') treatments are recorded.",
        );
        return;
    };
    if b.recommended == Some(true) || b.price.is_some() {
        let f = c.add(
            Group::AskFirst,
            rule,
            Outcome::NotMet,
            path,
            "The clinic sells repeat ('booster') treatments after the first: the whole course, not one injection, is what you would pay for. Ask how many, what evidence shows that repeating it helps, and what the course costs.",
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
            "The clinic says no repeat treatments are needed.",
        );
        if let Some(r) = b.recommended {
            f.facts
                .push(Fact::flag("marketing.boosters.recommended", r));
        }
    }
}
