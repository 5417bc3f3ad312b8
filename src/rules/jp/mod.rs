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

use crate::Reason;
use crate::rules::homologous::HomologousVerdict;
use crate::rules::profile::Profile;
use crate::rules::write::Fill;
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

/// A Japanese rule: fills in its finding (which starts as met and informational), reading the
/// product and the evaluation date only.
type Rule = fn(&Profile<'_>, Date, &mut Finding);

/// When a rule of [`RULES`] runs, read from the product alone (never from another finding).
#[derive(Clone, Copy)]
enum Runs {
    /// For every product.
    Always,
    /// For a preparation with cells: a cell-free one is outside ASRM, or its class is open
    /// whatever else is stated (the cell categories of the classes do not fit it).
    WithCells,
    /// For a preparation with cells given to form blood (a possible haematopoietic stem cell
    /// transplantation, which the Enforcement Order excludes from ASRM).
    FormsBlood,
    /// For a preparation with cells not shown to be Class I ([`class_i_shown`]): the class is
    /// still open after Class I.
    ClassOpen,
}

impl Runs {
    fn applies(self, p: &Profile<'_>) -> bool {
        match self {
            Self::Always => true,
            Self::WithCells => !p.cell_free,
            Self::FormsBlood => !p.cell_free && forms_blood(p),
            Self::ClassOpen => !p.cell_free && class_i_shown(p).is_none(),
        }
    }
}

/// The Japanese rules that read only the product, in report order, each with when it runs:
/// the ASRM scope, the ASRM exclusion of a blood stem cell transplantation, the ASRM risk class
/// criteria (Class I, then homologous use and Class II while the class is open), and the PMD Act
/// status. What reads their findings is the second step of [`classify_jp_sharing`].
const RULES: [(RuleId, Runs, Rule); 6] = [
    (RuleId::JpAsrmScope, Runs::Always, asrm_scope),
    (RuleId::JpAsrmExcluded, Runs::FormsBlood, asrm_excluded),
    (RuleId::JpAsrmClassI, Runs::WithCells, class_i),
    (RuleId::JpHomologousUse, Runs::ClassOpen, homologous_use),
    (RuleId::JpAsrmClassII, Runs::ClassOpen, class_ii),
    (
        RuleId::JpRegenerativeMedicalProduct,
        Runs::Always,
        regenerative_medical_product,
    ),
];

/// [`classify_jp`], on a [`Profile`] shared with the other engines of a call.
///
/// 1. Every rule of [`RULES`] that runs for the product fills its finding, in report order.
/// 2. The second step reads the findings: the ASRM risk class from the scope and the class
///    criteria ([`risk_class`]), the PMD Act status from the regenerative-medical-product
///    finding ([`pmd_act_status`]), and the conditional-approval finding, which follows from
///    that status ([`conditional_approval`]).
pub(crate) fn classify_jp_sharing(p: &Profile<'_>, on: Date) -> JpAssessment {
    // Room for every finding the engine writes (ASRM and PMD Act rules), so the list never grows.
    let mut findings = Vec::with_capacity(8);
    let runs = |&&(_, runs, _): &&(RuleId, Runs, Rule)| runs.applies(p);
    findings.extend(
        RULES
            .iter()
            .filter(runs)
            .map(|&(rule, _, _)| Finding::new(rule, Outcome::Met, Severity::Info)),
    );
    for (finding, &(_, _, rule)) in findings.iter_mut().zip(RULES.iter().filter(runs)) {
        rule(p, on, finding);
    }
    let risk_class = risk_class(&findings);
    let pmd_act = pmd_act_status(&findings);
    findings.push(Finding::new(
        RuleId::JpConditionalApproval,
        Outcome::Met,
        Severity::Info,
    ));
    if let Some(f) = findings.last_mut() {
        conditional_approval(pmd_act, f);
    }
    findings.extend(crate::law::horizon_finding(on));
    crate::law::calibrate(&mut findings);
    JpAssessment {
        risk_class,
        pmd_act,
        evaluated_on: on.into(),
        findings,
    }
}

/// The outcome of `rule`'s finding, if it ran.
fn outcome_of(findings: &[Finding], rule: RuleId) -> Option<Outcome> {
    findings.iter().find(|f| f.rule == rule).map(|f| f.outcome)
}

/// **The second step, ASRM**: the risk class, from the scope and the class findings. Only a
/// settled "no cells" ends the analysis; an open scope question (no living cells, an unstated
/// preparation, a possible blood stem cell transplant) is a finding of its own, and the class is
/// still worked out as if ASRM applied: the reading that keeps its review in force, so that a
/// fact taken away never turns a class into a lower one.
fn risk_class(findings: &[Finding]) -> AsrmRiskClass {
    if outcome_of(findings, RuleId::JpAsrmScope) == Some(Outcome::NotMet) {
        return AsrmRiskClass::OutsideAsrm;
    }
    // A cell-free preparation open only because it might be gene therapy (ASRM as amended from
    // 31 May 2025) has no class finding: the class stays open too.
    let Some(class_i) = outcome_of(findings, RuleId::JpAsrmClassI) else {
        return AsrmRiskClass::Undetermined;
    };
    if class_i == Outcome::Met {
        return AsrmRiskClass::ClassI;
    }
    match (class_i, outcome_of(findings, RuleId::JpAsrmClassII)) {
        (Outcome::NotMet, Some(Outcome::Met)) => AsrmRiskClass::ClassII,
        (Outcome::NotMet, Some(Outcome::NotMet)) => AsrmRiskClass::ClassIII,
        // Class I open, or Class II open: the class is open.
        (Outcome::Met | Outcome::Undetermined | Outcome::NotApplicable, _)
        | (Outcome::NotMet, Some(Outcome::Undetermined | Outcome::NotApplicable) | None) => {
            AsrmRiskClass::Undetermined
        }
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
    // The conditional-approval finding `classify_jp` always writes, rewritten in its place
    // from the authorisation.
    let mut applied = false;
    if let Some(approval) = report
        .findings
        .iter_mut()
        .find(|f| f.rule == RuleId::JpConditionalApproval)
    {
        *approval = Finding::new(
            RuleId::JpConditionalApproval,
            Outcome::Undetermined,
            Severity::Warning,
        );
        approval_of(approval, product, key, entry, on);
        applied = approval.outcome != Outcome::Undetermined;
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
                );
                finding
                    .point_at("authorisation")
                    .add(Fact::code("authorisation.catalog_key", key.code()))
                    .why(&reasons::MHLW_APPROVED_REGENERATIVE_MEDICAL_PRODUCT);
            }
        }
        on_label_outside_asrm(&mut report, product, key, entry);
    }
    crate::law::calibrate(&mut report.findings);
    report
}

/// What a catalogued authorisation says of conditional, time-limited approval (PMD Act
/// Art 23-26), written into `f` (undetermined, a warning, to start with): not applied when the
/// record contradicts the catalog entry or the entry is not in force on `on`.
fn approval_of(
    f: &mut Finding,
    product: &Product,
    key: CatalogKey,
    entry: &crate::ApprovedProduct,
    on: Date,
) {
    let status = entry.status_on(on);
    f.point_at("authorisation")
        .add(Fact::code("authorisation.catalog_key", key.code()))
        .add(Fact::code("derived.authorisation_kind", entry.kind.code()).as_derived())
        .add(
            Fact::number(
                "pmd_act.conditional_approval_max_years",
                CONDITIONAL_APPROVAL_MAX_YEARS,
            )
            .with_unit("years")
            .as_limit(),
        )
        .add(Fact::code("catalog.status", status.code()).as_limit())
        .add_opt(
            entry
                .time_limit_ends_on
                .map(|end| Fact::date("derived.time_limit_ends_on", end).as_derived()),
        );
    let contradicts = product.tissue.is_some_and(|t| t != entry.tissue)
        || product.donor.is_some_and(|d| !d.agrees_with(entry.donor))
        || product.preparation.is_some_and(|p| p != entry.preparation);
    if contradicts {
        f.why(&reasons::RECORD_S_TISSUE_DONOR_PREPARATION);
    } else if !status.in_force() {
        // Withdrawn, ended, or not yet granted on the date: the approval is not applied.
        f.why(&reasons::CATALOG_ENTRY_NOT_APPROVED_ON_DATE)
            .add(status_text(entry, on));
    } else if !status.confirmed_in_force() && entry.kind == AuthorisationKind::Conditional {
        // A conditional approval whose standing on the date the sources do not confirm: past
        // its time limit while full approval is decided (the PMD Act status holds as the holder
        // states it, the outcome is open), under a shipment condition, or unconfirmed.
        f.add_opt(
            entry
                .full_approval_applied_on
                .map(|day| Fact::date("catalog.full_approval_applied_on", day).as_limit()),
        )
        .judge(Outcome::Met, Severity::Warning)
        .why(&reasons::CONDITIONAL_STANDING_OPEN)
        .add(status_text(entry, on));
    } else {
        match entry.kind {
            AuthorisationKind::Conditional => {
                f.judge(Outcome::Met, Severity::Info)
                    .why(&reasons::APPROVED_CONDITIONS_TIME_LIMIT_PMD);
            }
            AuthorisationKind::Full => {
                f.judge(Outcome::NotApplicable, Severity::Info)
                    .why(&reasons::PRODUCT_HOLDS_FULL_APPROVAL);
            }
            // The PMD Act approves a regenerative medical product fully or conditionally, and
            // every Japanese row of the catalog is one of the two: an authorisation of another
            // kind would not be shown to be an approval.
            AuthorisationKind::Provisional | AuthorisationKind::National => {
                f.why(&reasons::CATALOG_ENTRY_NOT_APPROVED_ON_DATE)
                    .add(status_text(entry, on));
            }
        }
    }
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
    let on_label = (indication_on_label, route_on_label) == (Some(true), Some(true));
    if on_label {
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
    }
    // The scope finding, rewritten in its place.
    let Some(scope) = report
        .findings
        .iter_mut()
        .find(|f| f.rule == RuleId::JpAsrmScope)
    else {
        return;
    };
    *scope = Finding::new(
        RuleId::JpAsrmScope,
        Outcome::Undetermined,
        Severity::Warning,
    );
    scope
        .point_at("intended_use.indications")
        .add(Fact::code("authorisation.catalog_key", key.code()))
        .rest_on(crate::Basis::RegulationText)
        .add_opt(route.map(|r| Fact::code("delivery.route", r.code())));
    if on_label {
        scope
            .judge(Outcome::NotMet, Severity::Info)
            .why(&reasons::APPROVED_REGENERATIVE_MEDICAL_PRODUCT_USED_2);
    } else if indication_on_label == Some(false) || route_on_label == Some(false) {
        scope
            .judge(Outcome::Met, Severity::Info)
            .why(&reasons::APPROVED_REGENERATIVE_MEDICAL_PRODUCT_GIVEN);
    } else {
        scope.why(&reasons::APPROVED_REGENERATIVE_MEDICAL_PRODUCT_USED);
        if indication_on_label.is_none() {
            scope.lack("intended_use.indications");
        }
        if route_on_label.is_none() {
            scope.lack("delivery");
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
