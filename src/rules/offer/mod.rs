//! The patient's checklist: evaluating a clinic's offer.

use crate::Reason;
use crate::finding::Vocab;
use crate::rules::write::Fill;
use crate::table::vocab;
use crate::{
    Age, ApprovedProduct, AuthorisationStatus, Basis, CatalogKey, CellCount, CellPreparation,
    ClaimKind, ClinicOffer, Donor, EuAssessment, Fact, FactValue, Finding, Indication,
    IndicationCategory, JpAssessment, Jurisdiction, Outcome, RegulatoryFramework, RuleId, Severity,
    SupplyModel, TissueSource, ValueError, classify_eu, classify_jp, classify_jp_authorised,
};
use crate::{
    QualityPolicy, QualityReport, QualityVerdict, UsAssessment, assess_quality, classify_us,
};
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;
use std::borrow::Cow;
use std::fmt;
use std::sync::LazyLock;

mod checklist;
mod claims;
mod conditions;
mod content;
mod follow_up;
mod identity;
mod jurisdiction;
mod marketing;
mod pathway;
mod policy;
pub(crate) mod reasons;
mod release;
mod report;
mod terms;
mod write;
use checklist::*;
use claims::*;
pub(crate) use conditions::*;
use content::*;
use follow_up::*;
use identity::*;
pub(crate) use jurisdiction::Pathway;
use jurisdiction::*;
use marketing::*;
use pathway::*;
pub use policy::*;
use release::*;
pub use report::*;
pub use terms::*;
use write::*;

/// **Evaluates a clinic's offer** against the patient's checklist of the source texts, with the
/// default [`OfferPolicy`].
///
/// Pure: no I/O, no clock: `on` is the day whose law, catalog and certificate expiry apply
/// (`jiff::Zoned::now().date()` for today). Never fails: a fact the offer does not give makes its item an open
/// question (ask first), never a good sign, and an undetermined classification or quality
/// result is an open question too. It runs the classification engine of the law where the
/// offer is made ([`classify_us`], [`classify_eu`] or [`classify_jp`]) and [`assess_quality`]
/// on the offer's product, and turns their results into patient findings without repeating
/// their logic.
///
/// | Rule | Walk away | Ask first | Good sign |
/// |---|---|---|---|
/// | [`RuleId::OfferLiveCellCount`] | no count stated | count below a million; donor cells with no viability evidence | count in the millions |
/// | [`RuleId::OfferSourceDisclosed`] | | not disclosed / unknown | tissue and donor disclosed |
/// | [`RuleId::OfferCertificateOfAnalysis`] | | donor cells, no CoA / unknown | donor cells, CoA shown (not applicable to own cells) |
/// | [`RuleId::OfferImageGuidance`] | | joint, disc, tendon or bone injection that is blind / guidance unknown | ultrasound, fluoroscopy, … |
/// | [`RuleId::OfferTrialEvidence`] | | no completed positive Phase 2/3 trial for the condition | one is cited, or the product is fully authorised for the condition |
/// | [`RuleId::OfferCandidate`] | | standard treatments not tried / unknown | tried |
/// | [`RuleId::OfferPhysicianSupervision`] | not supervised | unknown | supervised |
/// | [`RuleId::OfferRegulatedSetting`] | not regulated | unknown | regulated |
/// | [`RuleId::OfferRegisteredTrial`] | | | given within a registered trial (else a note) |
/// | [`RuleId::OfferManyConditions`] | conditions from 3+ families | claims or intended use not recorded | (a note when fewer) |
/// | [`RuleId::OfferClaimCure`] | "cures" | | |
/// | [`RuleId::OfferClaimNewTissue`] | | "turns into new tissue" | |
/// | [`RuleId::OfferClaimFdaApproved`] | no FDA-approved MSC product for the condition; the offer's facts contradict every one that is | the product is not named by its approval; conditions not recorded | the named product is that product |
/// | [`RuleId::OfferClaimLiveStemCells`] | off-the-shelf birth tissue without MSC evidence | tissue unknown | (a note when shown) |
/// | [`RuleId::OfferClaimNoRejection`] | | donor cells / donor unknown | (not applicable to own cells) |
/// | [`RuleId::OfferProductIdentity`] | the offer's tissue, donor, preparation or place contradicts the named product's catalog entry | the named product used off label (another condition, route or patient group); number unknown to the catalog; facts missing | the offer matches the entry's approved use |
/// | [`RuleId::OfferReleaseQuality`] | quality verdict fail | undetermined, or pass with warnings | pass |
/// | [`RuleId::OfferJurisdiction`] | | not stated | (a note when stated) |
/// | [`RuleId::OfferUsPathway`] | | US section 351 product neither licensed nor in a registered trial; not an HCT/P (which FDA law applies); a licensed product off label (lawful, outside the label's evidence); classification undetermined | approved product on label |
/// | [`RuleId::OfferEuPathway`] | | EU ATMP outside an authorisation, trial or named hospital exemption; an authorised product off label; classification undetermined | authorised product on label |
/// | [`RuleId::OfferJpPathway`] | no ASRM plan submitted, where ASRM applies | no approval, trial or plan named; an approved product off label (an ASRM plan is needed) | approved product on label |
/// | [`RuleId::OfferNationalPathway`] | | no authorisation or trial named (a named national authorisation is shown, not settled) | authorised product on label |
/// | [`RuleId::OfferDoseReference`] | | dose far below every label dose for the route and condition; dose not comparable | (a note otherwise) |
/// | [`RuleId::OfferApprovedAnywhere`] | | | (always a note: which products are authorised where; none for a condition outside the list) |
/// | [`RuleId::OfferContentTest`] | an independent test finds bacteria, no MSCs in a product meant to hold cells, under a million live cells, or less than the policy's share of the stated count | | (a note otherwise: a test is never a good sign) |
/// | [`RuleId::OfferClaimSuperiority`] | "better than standard treatment" without a comparing trial | with a completed positive Phase III trial cited (did it compare them?) | |
/// | [`RuleId::OfferClaimSatisfaction`] | | satisfaction or success-rate figures (never evidence) | |
/// | [`RuleId::OfferClaimTestimonials`] | | testimonials (never evidence) | |
/// | [`RuleId::OfferTreatmentDisclaimer`] | a "research use only" product given to the patient | | (a note otherwise) |
/// | [`RuleId::OfferPayToParticipate`] | a paid study in the US with no IND | a paid study with an IND, elsewhere, or where the place is unknown | (a note otherwise) |
/// | [`RuleId::OfferRepeatTreatments`] | | repeat "boosters" sold | (a note otherwise) |
/// | [`RuleId::OfferFollowUp`] | | no plan stated, part of it, or none given | monitoring, its length and an adverse-event contact stated |
///
/// A permission the offer names ([`crate::Permission`]) enters the pathway finding of its law: a
/// named hospital exemption answers the EU route of an ATMP (a note), an ASRM plan not submitted
/// is a red flag where ASRM applies (a named one a note), a national authorisation is shown and
/// left open.
///
/// # Examples
///
/// See [`OfferEvaluation`].
#[must_use]
pub fn evaluate_offer(offer: &ClinicOffer, on: jiff::civil::Date) -> OfferEvaluation {
    evaluate_offer_with(offer, &DEFAULT_POLICY, on)
}

/// **Evaluates a clinic's offer** with the thresholds of `policy`.
#[must_use]
pub fn evaluate_offer_with(
    offer: &ClinicOffer,
    policy: &OfferPolicy,
    on: jiff::civil::Date,
) -> OfferEvaluation {
    let quality = assess_quality(&offer.product, &policy.quality, on);
    let mut c = Collector {
        findings: SmallVec::new(),
        groups: SmallVec::new(),
    };
    c.reserve(finding_count(offer));
    let named = offer.authorisation.as_ref().map(|r| r.resolve());
    let use_of_named = product_identity(offer, named, &mut c, on);
    let on_label = use_of_named.on_label();
    let measured = Measured::of(offer, policy);
    live_cell_count(offer, policy, measured, &mut c);
    content_test(offer, policy, measured, &mut c);
    source(offer, &mut c);
    certificate(offer, &mut c);
    image_guidance(offer, &mut c);
    let has_evidence = trial_evidence(offer, on_label, &mut c);
    patient_and_setting(offer, &mut c);
    many_conditions(offer, policy, &mut c);
    claims(offer, named.flatten(), &quality, measured, &mut c, on);
    approved_anywhere(offer, &mut c, on);
    release_quality(&quality, &mut c);
    dose_reference(offer, policy, &mut c);
    marketing(offer, &mut c);
    follow_up(offer, &mut c);
    let classified = pathway(offer, use_of_named, named.flatten(), &mut c, on);
    debug_assert_eq!(c.findings.len(), finding_count(offer));
    if let Some(horizon) = crate::law::horizon_finding(on) {
        c.groups.push(Group::AskFirst);
        c.findings.push(horizon);
    }
    // The rule of certainty: a good sign resting only on the crate's own reading is a question.
    crate::law::calibrate(&mut c.findings);
    for (group, finding) in c.groups.iter_mut().zip(&c.findings) {
        if finding.severity == Severity::Warning && matches!(group, Group::GoodSign | Group::Note) {
            *group = Group::AskFirst;
        }
    }

    // Each group's list at its final size; the questions in the order of the findings that
    // raise them, each once.
    let mut sizes = [0_usize; 4];
    let mut asked: u64 = 0;
    let mut questions: SmallVec<[Question; QUESTIONS]> = SmallVec::new();
    for (&group, finding) in c.groups.iter().zip(&c.findings) {
        sizes[group as usize] += 1;
        if matches!(group, Group::WalkAway | Group::AskFirst) {
            if let Some(q) = Question::for_rule(finding.rule) {
                let bit = 1_u64 << (q as u32);
                if asked & bit == 0 && !q.answered_by(offer) {
                    asked |= bit;
                    questions.push(q);
                }
            }
        }
    }
    let mut walk_away = Vec::with_capacity(sizes[Group::WalkAway as usize]);
    let mut ask_first = Vec::with_capacity(sizes[Group::AskFirst as usize]);
    let mut good_signs = Vec::with_capacity(sizes[Group::GoodSign as usize]);
    let mut notes = Vec::with_capacity(sizes[Group::Note as usize]);
    for (&group, finding) in c.groups.iter().zip(c.findings.drain(..)) {
        match group {
            Group::WalkAway => walk_away.push(finding),
            Group::AskFirst => ask_first.push(finding),
            Group::GoodSign => good_signs.push(finding),
            Group::Note => notes.push(finding),
        }
    }
    let (us, eu, jp) = Classified::into_fields(classified);
    let verdict = if !walk_away.is_empty() {
        PatientVerdict::WalkAway
    } else if !ask_first.is_empty() {
        PatientVerdict::AskFirst
    } else {
        PatientVerdict::GoodSigns
    };
    OfferEvaluation {
        verdict,
        walk_away,
        ask_first,
        good_signs,
        notes,
        questions: questions.to_vec(),
        expectations: Expectation::for_stated(&offer.indication, has_evidence),
        product: named.flatten().map(|p| p.key),
        us,
        eu,
        jp,
        quality,
        evaluated_on: on.into(),
    }
}

/// The number of questions, as a bound for the set of those already asked.
const QUESTIONS: usize = Question::COUNT;
const _: () = assert!(QUESTIONS <= 64, "the questions asked are kept in a u64");

/// How many findings [`evaluate_offer_with`] makes for `offer`: one per checklist item (19,
/// with the independent tests, the three marketing facts and the follow-up plan), one or two
/// for the place (the jurisdiction, then its pathway), and one per kind of claim judged (each
/// claim of FDA approval is judged on its own; claims of many conditions are judged with the
/// conditions).
fn finding_count(offer: &ClinicOffer) -> usize {
    let mut judged = [false; ClaimKind::COUNT];
    let mut claims = 0;
    for claim in offer.claims.iter().flatten() {
        let seen = &mut judged[claim.kind as usize];
        if claim.kind == ClaimKind::FdaApproved || !*seen {
            claims += usize::from(claim.kind != ClaimKind::TreatsManyConditions);
        }
        *seen = true;
    }
    19 + if offer.jurisdiction.is_some() { 2 } else { 1 } + claims
}
