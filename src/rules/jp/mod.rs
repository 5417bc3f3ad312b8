//! Japan: the ASRM risk class and the PMD Act status of an MSC product.
//!
//! Since 25 November 2014 Japan regulates regenerative medicine on two tracks. Products made and
//! sold commercially are *regenerative medical products* (再生医療等製品) under the PMD Act and
//! need approval, possibly conditional and time-limited. The same kind of cells used in clinical
//! research or private (uninsured) practice inside a medical institution fall under the Act on
//! the Safety of Regenerative Medicine (ASRM), which sorts technologies into three risk classes.
//!
//! What the crate's sources could not confirm is said so in each finding: the exact Class II
//! criteria of MHLW Ordinance No. 110, and Japan's own list of minimal operations.

use crate::rules::homologous::{self, HomologousVerdict};
use crate::rules::profile::Profile;
use crate::table::vocab;
use crate::{
    AuthorisationKind, CatalogKey, CellPreparation, Fact, Finding, Jurisdiction, Outcome,
    ProcessingStep, Product, RuleId, Severity, TissueFunction,
};
use jiff::civil::Date;
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

mod asrm;
mod class;
mod classification;
mod facts;
mod pmd_act;
pub(crate) mod reasons;
mod report;
use asrm::*;
use class::*;
pub use classification::*;
use facts::*;
use pmd_act::*;
pub use report::*;

/// **Classifies a product under Japanese law**: the ASRM risk class and the PMD Act status.
///
/// ASRM scope first ([`RuleId::JpAsrmScope`]): ASRM concerns technologies that use processed
/// cells and, since its amendment by Act No. 51 of 2024 came into force on 31 May 2025
/// ([`crate::ASRM_AMENDMENT_IN_FORCE`]), gene therapy without processed cells. A preparation with
/// no cells at all (exosomes, conditioned medium) is outside it ([`AsrmRiskClass::OutsideAsrm`]),
/// on or after that day only when its steps are stated and include no genetic modification
/// (otherwise scope and class are open). A preparation with cells or tissue but no living cells
/// (whose scope the crate's sources do not settle), an unstated preparation, and a use for
/// blood formation (a basic function of marrow and cord blood, which may be a haematopoietic
/// stem cell transplantation, excluded from ASRM by the Enforcement Order, Art 1) each get a
/// warning, and the class is still worked out as if ASRM applied: the reading that keeps its
/// review in force, so that taking a fact away never lowers the class.
///
/// ASRM risk class:
///
/// 1. *Class I* when the cells are allogeneic or animal ([`crate::Donor`]) or genetically
///    modified ([`ProcessingStep::GeneticModification`]). ES and iPS cells are Class I too, but
///    the crate's vocabulary has no such source. Unknown donor, or unknown processing, leaves
///    Class I open.
/// 2. Otherwise *Class II* when the cells were cultured, or the use is not homologous. These
///    criteria are the commonly summarised ones; MHLW Ordinance No. 110 was not available to
///    confirm them, and every Class II or III finding says so. Uncultured cells used
///    homologously that are, or may be, human somatic stem cells (marrow cells, adipose-derived
///    stem cells, cord blood, or cells the record calls MSCs) leave the class open: the
///    summaries list somatic stem cells as a Class II category of their own, which the
///    ordinance's text could not confirm.
/// 3. Otherwise *Class III* ("other than Class I and II", ASRM Art 2(7)).
///
/// Homologous use follows MHLW notice 医政研発1031第1号: cells given for a function like that of
/// the cells at the target site. The crate compares the source tissue's basic functions with
/// what the cells at the target site do (the site of use, stated or derived from the route) and
/// with the functions the indications imply as well as the declared ones, as the EU rule does;
/// the notice's example (fat-derived cells for breast reconstruction: homologous; the same cells
/// IV for diabetes: not) comes out the same.
///
/// PMD Act: genetically modified or cultured live cells are a regenerative medical product;
/// cell-free preparations, and preparations that deliver no live cells, are not. For other processing the answer is left open, because Japan's
/// list of minimal operations was not available. A finding on conditional, time-limited
/// approval (PMD Act Art 23-26, at most seven years) follows for products that may be
/// regenerative medical products.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::{Product, classify_jp};
/// use msc_therapy::engine::jp::{AsrmRiskClass, PmdActStatus};
///
/// let product = Product::from_json(r#"{
///     "name": "Cultured bone-marrow MSCs for GvHD",
///     "preparation": "culture_expanded_msc",
///     "tissue": "bone_marrow",
///     "donor": "allogeneic_unrelated",
///     "processing": {"steps": ["culture_expansion", "cryopreservation"]}
/// }"#)?;
/// let report = classify_jp(&product, jiff::civil::date(2026, 12, 7));
/// assert_eq!(report.risk_class, AsrmRiskClass::ClassI);
/// assert_eq!(report.pmd_act, PmdActStatus::RegenerativeMedicalProduct);
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
#[must_use]
pub fn classify_jp(product: &Product, on: Date) -> JpAssessment {
    classify_jp_sharing(&Profile::new(product), on)
}

/// [`classify_jp`], on a [`Profile`] shared with the other engines of a call.
pub(crate) fn classify_jp_sharing(p: &Profile<'_>, on: Date) -> JpAssessment {
    let product = p.product;
    // Room for every finding the engine writes (ASRM and PMD Act rules), so the list never grows.
    let mut findings = Vec::with_capacity(8);
    let risk_class = asrm(p, &mut findings, on);
    let pmd_act = pmd_act(product, &mut findings);
    findings.extend(crate::law::horizon_finding(on));
    crate::law::calibrate(&mut findings);
    JpAssessment {
        risk_class,
        pmd_act,
        evaluated_on: on.into(),
        findings,
    }
}

/// **Classifies a product that holds a catalogued authorisation**: [`classify_jp`], then what
/// the authorisation says under the PMD Act.
///
/// The authorisation is named by its [`CatalogKey`] (identity by key, never by name), then
/// checked against the record: a stated tissue, donor or preparation that differs from the
/// catalog entry's is a contradiction, reported as an open question, and the authorisation is
/// not applied. A Japanese approval settles the PMD Act status (MHLW approved the product as a
/// regenerative medical product) and the conditional-approval finding
/// ([`RuleId::JpConditionalApproval`]): *met* for a conditional, time-limited approval under PMD
/// Act Art 23-26, with its dates and the seven-year limit as facts; *not applicable* for a full
/// approval. An authorisation elsewhere says nothing about Japan and changes nothing.
///
/// ASRM Art 2(2) excludes the use of an approved regenerative medical product according to its
/// approval: when every stated indication is one of the approval's and the route is the
/// approved one, the risk class is [`AsrmRiskClass::ApprovedProductOnLabel`] and the ASRM class
/// findings are dropped; another indication or route keeps ASRM (the class the cells have), and
/// a record that states no indication or route leaves the scope open, naming what is missing.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::{Outcome, Product, RuleId, classify_jp_authorised};
/// use msc_therapy::catalog::CatalogKey;
/// use msc_therapy::engine::jp::PmdActStatus;
///
/// let stemirac = Product::from_json(r#"{
///     "name": "STEMIRAC",
///     "preparation": "culture_expanded_msc",
///     "tissue": "bone_marrow",
///     "donor": "autologous",
///     "processing": {"steps": ["culture_expansion"]},
///     "intended_use": {"indications": ["spinal_cord_injury"]},
///     "delivery": {"route": "intravenous"}
/// }"#)?;
/// let report = classify_jp_authorised(&stemirac, CatalogKey::StemiracJp, jiff::civil::date(2026, 12, 7));
/// assert_eq!(report.pmd_act, PmdActStatus::RegenerativeMedicalProduct);
/// let conditional = report.finding(RuleId::JpConditionalApproval).unwrap();
/// assert_eq!(conditional.outcome, Outcome::Met);
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
#[must_use]
pub fn classify_jp_authorised(product: &Product, key: CatalogKey, on: Date) -> JpAssessment {
    let mut report = classify_jp(product, on);
    let entry = key.product();
    if entry.jurisdiction != Jurisdiction::Japan {
        return report;
    }
    let approval = Finding::new(
        RuleId::JpConditionalApproval,
        Outcome::Undetermined,
        Severity::Warning,
    )
    .at("authorisation")
    .fact(Fact::code("authorisation.catalog_key", key.code()))
    .fact(Fact::code("derived.authorisation_kind", entry.kind.code()).as_derived())
    .fact(
        Fact::number(
            "pmd_act.conditional_approval_max_years",
            CONDITIONAL_APPROVAL_MAX_YEARS,
        )
        .with_unit("years")
        .as_limit(),
    );
    let contradicts = product.tissue.is_some_and(|t| t != entry.tissue)
        || product.donor.is_some_and(|d| !d.agrees_with(entry.donor))
        || product.preparation.is_some_and(|p| p != entry.preparation);
    let status = entry.status_on(on);
    let approval = approval.fact(Fact::code("catalog.status", status.code()).as_limit());
    let approval = match entry.time_limit_ends_on {
        Some(end) => approval.fact(Fact::date("derived.time_limit_ends_on", end).as_derived()),
        None => approval,
    };
    let approval = if contradicts {
        approval.because(&reasons::RECORD_S_TISSUE_DONOR_PREPARATION)
    } else if !status.in_force() {
        // Withdrawn, ended, or not yet granted on the date: the approval is not applied.
        Finding {
            reason: Some(&reasons::CATALOG_ENTRY_NOT_APPROVED_ON_DATE),
            facts: {
                let mut facts = approval.facts.clone();
                facts.push(status_text(entry, on));
                facts
            },
            ..approval
        }
    } else if !status.confirmed_in_force() && entry.kind == AuthorisationKind::Conditional {
        // A conditional approval whose standing on the date the sources do not confirm: past
        // its time limit while full approval is decided (the PMD Act status holds as the holder
        // states it, the outcome is open), under a shipment condition, or unconfirmed.
        let approval = match entry.full_approval_applied_on {
            Some(day) => {
                approval.fact(Fact::date("catalog.full_approval_applied_on", day).as_limit())
            }
            None => approval,
        };
        Finding {
            outcome: Outcome::Met,
            severity: Severity::Warning,
            reason: Some(&reasons::CONDITIONAL_STANDING_OPEN),
            facts: {
                let mut facts = approval.facts.clone();
                facts.push(status_text(entry, on));
                facts
            },
            ..approval
        }
    } else {
        match entry.kind {
            AuthorisationKind::Conditional => Finding {
                outcome: Outcome::Met,
                severity: Severity::Info,
                ..approval.because(&reasons::APPROVED_CONDITIONS_TIME_LIMIT_PMD)
            },
            AuthorisationKind::Full => Finding {
                outcome: Outcome::NotApplicable,
                severity: Severity::Info,
                ..approval.because(&reasons::PRODUCT_HOLDS_FULL_APPROVAL)
            },
            AuthorisationKind::Provisional | AuthorisationKind::National => {
                approval.because(&reasons::CATALOG_RECORDS_AUTHORISATION_ANOTHER_KIND)
            }
        }
    };
    let applied = approval.outcome != Outcome::Undetermined;
    for finding in &mut report.findings {
        if finding.rule == RuleId::JpConditionalApproval {
            *finding = approval.clone();
        }
    }
    if applied {
        report.pmd_act = PmdActStatus::RegenerativeMedicalProduct;
        for finding in &mut report.findings {
            if finding.rule == RuleId::JpRegenerativeMedicalProduct
                && finding.outcome != Outcome::Met
            {
                *finding = Finding::new(
                    RuleId::JpRegenerativeMedicalProduct,
                    Outcome::Met,
                    Severity::Info,
                )
                .at("authorisation")
                .fact(Fact::code("authorisation.catalog_key", key.code()))
                .because(&reasons::MHLW_APPROVED_REGENERATIVE_MEDICAL_PRODUCT);
            }
        }
        on_label_outside_asrm(&mut report, product, key, entry);
    }
    crate::law::calibrate(&mut report.findings);
    report
}

/// ASRM Art 2(2): a regenerative medical product approved under the PMD Act and used only
/// according to its approval is not a regenerative medicine technology under ASRM. Used on
/// label (every stated indication and the route are the approval's), the ASRM class is
/// [`AsrmRiskClass::ApprovedProductOnLabel`] and the class findings are dropped; used off label,
/// ASRM applies as to any other cells; when the record does not say how it is used, the scope
/// is an open question and the class stays the one it has if ASRM applies.
fn on_label_outside_asrm(
    report: &mut JpAssessment,
    product: &Product,
    key: CatalogKey,
    entry: &crate::ApprovedProduct,
) {
    let intended = product.intended_use.as_ref();
    let indications = intended.and_then(|u| u.indications_known());
    let other = intended.is_some_and(|u| !u.other_indications.is_empty());
    let route = product.delivery.as_ref().map(|d| d.route);
    let indication_on_label = match indications {
        Some(stated) if other || stated.iter().any(|i| !entry.indications.contains(i)) => {
            Some(false)
        }
        Some(stated) if !stated.is_empty() => Some(true),
        // No indication stated, or "[]" (offered for no condition): not shown to be the
        // approved use.
        _ if other => Some(false),
        _ => None,
    };
    let route_on_label = route.map(|r| r == entry.route);
    let base = Finding::new(
        RuleId::JpAsrmScope,
        Outcome::Undetermined,
        Severity::Warning,
    )
    .at("intended_use.indications")
    .fact(Fact::code("authorisation.catalog_key", key.code()))
    .based_on(crate::Basis::RegulationText);
    let base = match route {
        Some(r) => base.fact(Fact::code("delivery.route", r.code())),
        None => base,
    };
    let scope = match (indication_on_label, route_on_label) {
        (Some(true), Some(true)) => {
            report.risk_class = AsrmRiskClass::ApprovedProductOnLabel;
            report.findings.retain(|f| {
                !matches!(
                    f.rule,
                    RuleId::JpAsrmExcluded
                        | RuleId::JpAsrmClassI
                        | RuleId::JpHomologousUse
                        | RuleId::JpAsrmClassII
                )
            });
            Finding {
                outcome: Outcome::NotMet,
                severity: Severity::Info,
                ..base.because(&reasons::APPROVED_REGENERATIVE_MEDICAL_PRODUCT_USED_2)
            }
        }
        (Some(false), _) | (_, Some(false)) => Finding {
            outcome: Outcome::Met,
            severity: Severity::Info,
            ..base.because(&reasons::APPROVED_REGENERATIVE_MEDICAL_PRODUCT_GIVEN)
        },
        _ => {
            let mut open = base.because(&reasons::APPROVED_REGENERATIVE_MEDICAL_PRODUCT_USED);
            if indication_on_label.is_none() {
                open = open.missing("intended_use.indications");
            }
            if route_on_label.is_none() {
                open = open.missing("delivery");
            }
            open
        }
    };
    for finding in &mut report.findings {
        if finding.rule == RuleId::JpAsrmScope {
            *finding = scope.clone();
        }
    }
}

/// The catalog's account of an entry's standing on the evaluation date, as a fact.
fn status_text(entry: &crate::ApprovedProduct, on: Date) -> Fact {
    Fact::new(
        "catalog.status_text",
        crate::FactValue::Text(Cow::Owned(entry.status_text_on(on))),
    )
    .as_limit()
}
