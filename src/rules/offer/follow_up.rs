//! Follow-up after the treatment.

use super::*;

pub(super) fn follow_up(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferFollowUp;
    let Some(plan) = &offer.follow_up else {
        // A registered trial's protocol must say how the effects are monitored (21 CFR
        // 312.23(a)(6)(iii)(g); ICH E6(R3) protocol content), and an authorised product's
        // label says what to monitor: there the plan exists outside the offer, and asking
        // for it is a note, not a reason to hold back. Elsewhere nothing supplies it.
        let (group, reason): (Group, &'static Reason) =
            if offer.disclosures.trial_registration.is_some() || offer.authorisation.is_some() {
                (Group::Note, &reasons::OFFER_DOES_GIVE_FOLLOW_UP)
            } else {
                (Group::AskFirst, &reasons::OFFER_DOES_SAY_HOW_YOU)
            };
        c.file(group, rule, Outcome::Undetermined)
            .point_at("follow_up")
            .why(reason)
            .lack("follow_up");
        return;
    };
    let months = plan
        .months
        .map(|months| Fact::number("follow_up.months", f64::from(months)).with_unit("months"));
    let none_monitored = plan.methods.as_ref().is_some_and(Vec::is_empty);
    let no_time = plan.months == Some(0);
    if none_monitored || no_time {
        let f = c
            .file(Group::AskFirst, rule, Outcome::NotMet)
            .point_at("follow_up")
            .why(&reasons::CLINIC_STATES_DOES_FOLLOW_YOU);
        if none_monitored {
            f.add(Fact::number("follow_up.methods", 0.0).as_derived());
        }
        f.add_opt(months);
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
        c.file(Group::GoodSign, rule, Outcome::Met)
            .why(&reasons::CLINIC_SAYS_HOW_WILL_FOLLOW)
    } else {
        c.file(Group::AskFirst, rule, Outcome::Undetermined)
            .why(&reasons::CLINIC_STATES_FOLLOW_UP_PLAN)
    };
    f.point_at("follow_up")
        .add_opt(
            plan.methods
                .as_ref()
                .map(|methods| Fact::terms("follow_up.methods", methods.iter().copied())),
        )
        .add_opt(months)
        .add_opt(
            plan.adverse_event_contact
                .is_some()
                .then(|| Fact::flag("follow_up.adverse_event_contact", true)),
        )
        .lack_all(&missing);
}
