//! The patient, the setting and the conditions the offer claims to treat.

use super::*;

pub(super) fn patient_and_setting(offer: &ClinicOffer, c: &mut Collector) {
    let p = offer.patient;
    flag_rule(
        c,
        RuleId::OfferCandidate,
        "patient.standard_treatments_tried",
        p.standard_treatments_tried,
        Group::AskFirst,
        [
            &reasons::YOU_HAVE_TRIED_STANDARD_TREATMENTS,
            &reasons::STANDARD_TREATMENTS_HAVE_BEEN_TRIED,
            &reasons::KNOWN_WHETHER_YOU_HAVE_TRIED,
        ],
    );
    flag_rule(
        c,
        RuleId::OfferPhysicianSupervision,
        "patient.physician_supervised",
        p.physician_supervised,
        Group::WalkAway,
        [
            &reasons::PHYSICIAN_EVALUATES_YOU_SUPERVISES_TREATMENT,
            &reasons::PHYSICIAN_SUPERVISES_TREATMENT_LIVE_CELL,
            &reasons::KNOWN_WHETHER_PHYSICIAN_SUPERVISES_TREATMENT,
        ],
    );
    flag_rule(
        c,
        RuleId::OfferRegulatedSetting,
        "patient.regulated_setting",
        p.regulated_setting,
        Group::WalkAway,
        [
            &reasons::TREATMENT_GIVEN_REGULATED_SETTING,
            &reasons::TREATMENT_GIVEN_REGULATED_SETTING_NOBODY,
            &reasons::KNOWN_WHETHER_TREATMENT_GIVEN_REGULATED,
        ],
    );
    let rule = RuleId::OfferRegisteredTrial;
    let path = "disclosures.trial_registration";
    match &offer.disclosures.trial_registration {
        Some(id) => {
            c.file(Group::GoodSign, rule, Outcome::Met)
                .point_at(path)
                .why(&reasons::TREATMENT_GIVEN_WITHIN_REGISTERED_TRIAL)
                .add(trial_fact(id));
        }
        None => {
            c.file(Group::Note, rule, Outcome::NotMet)
                .point_at(path)
                .why(&reasons::TREATMENT_OFFERED_WITHIN_REGISTERED_TRIAL);
        }
    }
}

/// The number of [`Indication`]s: a list of distinct ones never holds more.
pub(super) const INDICATIONS: usize = Indication::COUNT;
const _: () = assert!(INDICATIONS <= 128, "the conditions seen are kept in a u128");
const _: () = assert!(
    IndicationCategory::COUNT <= 32,
    "the families seen are kept in a u32"
);

/// [`ClinicOffer::claimed_conditions`], on the stack: every condition the offer names, first
/// the patient's, each once in the order named, and whether the list is complete.
pub(crate) fn claimed_conditions(
    offer: &ClinicOffer,
) -> (SmallVec<[Indication; INDICATIONS]>, bool) {
    let mut all = SmallVec::new();
    let mut seen: u128 = 0;
    let mut add = |list: &[Indication]| {
        for &ind in list {
            let bit = 1_u128 << (ind as u32);
            if seen & bit == 0 {
                seen |= bit;
                all.push(ind);
            }
        }
    };
    if let crate::StatedIndication::Listed(own) = &offer.indication {
        add(std::slice::from_ref(own));
    }
    let mut complete = offer.claims.is_some();
    for claim in offer.claims.iter().flatten() {
        match &claim.indications {
            Some(list) => add(list),
            None => complete = false,
        }
    }
    match offer
        .product
        .intended_use
        .as_ref()
        .and_then(|u| u.indications_known())
    {
        Some(list) => add(list),
        None => complete = false,
    }
    (all, complete)
}

pub(super) fn many_conditions(offer: &ClinicOffer, policy: &OfferPolicy, c: &mut Collector) {
    let rule = RuleId::OfferManyConditions;
    let (conditions, complete) = claimed_conditions(offer);
    // Conditions outside the list each count as a family of their own: those of the product's
    // intended use, and the offer's own when it is one.
    let other = offer
        .product
        .intended_use
        .as_ref()
        .map_or(&[][..], |u| u.other_indications.as_slice());
    let with_own: Vec<crate::CodedCondition>;
    let unlisted = match &offer.indication {
        crate::StatedIndication::Unlisted(own) => {
            with_own = std::iter::once(own).chain(other).cloned().collect();
            with_own.as_slice()
        }
        crate::StatedIndication::Listed(_) => other,
    };
    let categories = crate::CodedCondition::families(&conditions, unlisted);
    let threshold = policy.myriad_min_categories.get();
    let (group, outcome, reason): (Group, Outcome, &'static Reason) = if categories >= threshold {
        (
            Group::WalkAway,
            Outcome::NotMet,
            &reasons::OFFER_PROMOTES_PRODUCT_MANY_UNRELATED,
        )
    } else if !complete {
        (
            Group::AskFirst,
            Outcome::Undetermined,
            &reasons::EVERY_CONDITION_CLINIC_PROMOTES_PRODUCT,
        )
    } else {
        (
            Group::Note,
            Outcome::Met,
            &reasons::OFFER_ONE_CONDITION_FEW_RELATED,
        )
    };
    #[allow(clippy::cast_precision_loss)]
    let (count, limit) = (categories as f64, threshold as f64);
    let f = c
        .file(group, rule, outcome)
        .point_at("claims")
        .why(reason)
        .add(Fact::terms(
            "claimed_conditions",
            conditions.iter().copied(),
        ));
    if let crate::StatedIndication::Unlisted(_) = &offer.indication {
        f.add(indication_fact(offer));
    }
    for c in other {
        f.add(owned(
            "product.intended_use.other_indications",
            format!("{} ({})", c.text, c.coding),
        ));
    }
    f.add(Fact::number("claimed_condition_families", count).as_derived())
        .add(Fact::number("policy.myriad_min_categories", limit).as_limit());
    if outcome != Outcome::Undetermined {
        return;
    }
    // The lists that could hold a condition not recorded.
    if offer.claims.is_none() {
        f.lack("claims");
    }
    if offer
        .claims
        .iter()
        .flatten()
        .any(|claim| claim.indications.is_none())
    {
        f.lack("claims[].indications");
    }
    if offer
        .product
        .intended_use
        .as_ref()
        .and_then(|u| u.indications_known())
        .is_none()
    {
        f.lack("product.intended_use.indications");
    }
}
