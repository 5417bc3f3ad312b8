//! Follow-up after the treatment.

use super::*;

pub(super) fn follow_up(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferFollowUp;
    let Some(plan) = &offer.follow_up else {
        // A registered trial's protocol must say how the effects are monitored (21 CFR
        // 312.23(a)(6)(iii)(g); ICH E6(R3) protocol content), and an authorised product's
        // label says what to monitor: there the plan exists outside the offer, and asking
        // for it is a note, not a reason to hold back. Elsewhere nothing supplies it.
        if offer.disclosures.trial_registration.is_some() || offer.authorisation.is_some() {
            c.add(
                Group::Note,
                rule,
                Outcome::Undetermined,
                "follow_up",
                &reasons::OFFER_DOES_GIVE_FOLLOW_UP,
            )
            .missing
            .push("follow_up");
            return;
        }
        c.add(
            Group::AskFirst,
            rule,
            Outcome::Undetermined,
            "follow_up",
            &reasons::OFFER_DOES_SAY_HOW_YOU,
        )
        .missing
        .push("follow_up");
        return;
    };
    let none_monitored = plan.methods.as_ref().is_some_and(Vec::is_empty);
    let no_time = plan.months == Some(0);
    if none_monitored || no_time {
        let f = c.add(
            Group::AskFirst,
            rule,
            Outcome::NotMet,
            "follow_up",
            &reasons::CLINIC_STATES_DOES_FOLLOW_YOU,
        );
        if none_monitored {
            f.facts
                .push(Fact::number("follow_up.methods", 0.0).as_derived());
        }
        if let Some(months) = plan.months {
            f.facts
                .push(Fact::number("follow_up.months", f64::from(months)).with_unit("months"));
        }
        return;
    }
    let mut missing: SmallVec<[&'static str; 3]> = SmallVec::new();
    if plan.methods.is_none() {
        missing.push("follow_up.methods");
    }
    if plan.months.is_none() {
        missing.push("follow_up.months");
    }
    if plan.adverse_event_contact.is_none() {
        missing.push("follow_up.adverse_event_contact");
    }
    let f = if missing.is_empty() {
        c.add(
            Group::GoodSign,
            rule,
            Outcome::Met,
            "follow_up",
            &reasons::CLINIC_SAYS_HOW_WILL_FOLLOW,
        )
    } else {
        c.add(
            Group::AskFirst,
            rule,
            Outcome::Undetermined,
            "follow_up",
            &reasons::CLINIC_STATES_FOLLOW_UP_PLAN,
        )
    };
    if let Some(methods) = &plan.methods {
        f.facts
            .push(Fact::terms("follow_up.methods", methods.iter().copied()));
    }
    if let Some(months) = plan.months {
        f.facts
            .push(Fact::number("follow_up.months", f64::from(months)).with_unit("months"));
    }
    if plan.adverse_event_contact.is_some() {
        f.facts
            .push(Fact::flag("follow_up.adverse_event_contact", true));
    }
    for path in missing {
        f.missing.push(path);
    }
}
